using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A tool call of a run step: <see cref="CodeInterpreterToolCall"/>, <see cref="FileSearchToolCall"/>,
/// <see cref="FunctionToolCall"/>, or <see cref="UnknownRunStepToolCall"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<RunStepToolCall, UnknownRunStepToolCall>))]
public abstract class RunStepToolCall : IPolymorphicBase<RunStepToolCall>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the id of the tool call.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<RunStepToolCall>? IPolymorphicBase<RunStepToolCall>.GetDerivedType(string type) => type switch
    {
        "code_interpreter" => PolymorphicVariant<RunStepToolCall>.Of<CodeInterpreterToolCall>(),
        "file_search" => PolymorphicVariant<RunStepToolCall>.Of<FileSearchToolCall>(),
        "function" => PolymorphicVariant<RunStepToolCall>.Of<FunctionToolCall>(),
        _ => null,
    };
}
