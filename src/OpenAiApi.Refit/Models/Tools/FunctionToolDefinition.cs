using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A function tool: the model may ask the caller to run <see cref="Function"/>.</summary>
public sealed class FunctionToolDefinition : ToolDefinition
{
    /// <summary>Initializes a new instance of the <see cref="FunctionToolDefinition"/> class.</summary>
    public FunctionToolDefinition()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FunctionToolDefinition"/> class.</summary>
    /// <param name="function">The function definition.</param>
    [SetsRequiredMembers]
    public FunctionToolDefinition(FunctionDefinition function)
    {
        Function = function;
    }

    /// <inheritdoc />
    public override string Type => "function";

    /// <summary>Gets or sets the function definition.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<FunctionDefinition>))]
    public required FunctionDefinition Function { get; set; }
}
