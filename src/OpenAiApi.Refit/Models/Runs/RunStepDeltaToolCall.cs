using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of a run step tool call while streaming: <see cref="CodeInterpreterToolCallDelta"/>,
/// <see cref="FileSearchToolCallDelta"/>, <see cref="FunctionToolCallDelta"/>, or <see cref="UnknownRunStepDeltaToolCall"/> for a type
/// this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<RunStepDeltaToolCall, UnknownRunStepDeltaToolCall>))]
public abstract class RunStepDeltaToolCall : IPolymorphicBase<RunStepDeltaToolCall>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the index of the tool call in the tool calls of the step: fragments with the same index belong together.</summary>
    public int? Index { get; init; }

    /// <summary>Gets the id of the tool call; usually only on its first fragment.</summary>
    public string? Id { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<RunStepDeltaToolCall>? IPolymorphicBase<RunStepDeltaToolCall>.GetDerivedType(string type) => type switch
    {
        "code_interpreter" => PolymorphicVariant<RunStepDeltaToolCall>.Of<CodeInterpreterToolCallDelta>(),
        "file_search" => PolymorphicVariant<RunStepDeltaToolCall>.Of<FileSearchToolCallDelta>(),
        "function" => PolymorphicVariant<RunStepDeltaToolCall>.Of<FunctionToolCallDelta>(),
        _ => null,
    };
}
