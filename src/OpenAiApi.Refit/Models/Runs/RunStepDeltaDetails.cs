using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The changed details of a run step while streaming: <see cref="MessageCreationStepDeltaDetails"/>,
/// <see cref="ToolCallsStepDeltaDetails"/>, or <see cref="UnknownRunStepDeltaDetails"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<RunStepDeltaDetails, UnknownRunStepDeltaDetails>))]
public abstract class RunStepDeltaDetails : IPolymorphicBase<RunStepDeltaDetails>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<RunStepDeltaDetails>? IPolymorphicBase<RunStepDeltaDetails>.GetDerivedType(string type) => type switch
    {
        "message_creation" => PolymorphicVariant<RunStepDeltaDetails>.Of<MessageCreationStepDeltaDetails>(),
        "tool_calls" => PolymorphicVariant<RunStepDeltaDetails>.Of<ToolCallsStepDeltaDetails>(),
        _ => null,
    };
}
