using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A tool enabled on an assistant or a run: <see cref="CodeInterpreterToolDefinition"/>, <see cref="FileSearchToolDefinition"/>,
/// <see cref="FunctionToolDefinition"/>, or <see cref="UnknownToolDefinition"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<ToolDefinition, UnknownToolDefinition>))]
public abstract class ToolDefinition : IPolymorphicBase<ToolDefinition>
{
    /// <summary>Gets the wire type of the tool.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<ToolDefinition>? IPolymorphicBase<ToolDefinition>.GetDerivedType(string type) => type switch
    {
        "code_interpreter" => PolymorphicVariant<ToolDefinition>.Of<CodeInterpreterToolDefinition>(),
        "file_search" => PolymorphicVariant<ToolDefinition>.Of<FileSearchToolDefinition>(),
        "function" => PolymorphicVariant<ToolDefinition>.Of<FunctionToolDefinition>(),
        _ => null,
    };
}
