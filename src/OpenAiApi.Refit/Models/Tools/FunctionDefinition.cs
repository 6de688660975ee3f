using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A function the model may ask the caller to run (the <c>function</c> object of a <see cref="FunctionToolDefinition"/>).</summary>
public sealed class FunctionDefinition
{
    /// <summary>Initializes a new instance of the <see cref="FunctionDefinition"/> class.</summary>
    public FunctionDefinition()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FunctionDefinition"/> class.</summary>
    /// <param name="name">The function name.</param>
    /// <param name="description">What the function does, or <see langword="null"/>.</param>
    /// <param name="parameters">The JSON Schema object of the parameters, or <see langword="null"/> for none.</param>
    [SetsRequiredMembers]
    public FunctionDefinition(string name, string? description = null, JsonElement? parameters = null)
    {
        Name = name;
        Description = description;
        Parameters = parameters;
    }

    /// <summary>Gets or sets the function name (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters).</summary>
    public required string Name { get; set; }

    /// <summary>Gets or sets what the function does; the model uses it to choose when and how to call the function.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the parameters as a JSON Schema object; <see langword="null"/> means an empty parameter list.</summary>
    public JsonElement? Parameters { get; set; }

    /// <summary>Gets or sets a value indicating whether the model must follow <see cref="Parameters"/> exactly (Structured Outputs).</summary>
    public bool? Strict { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
