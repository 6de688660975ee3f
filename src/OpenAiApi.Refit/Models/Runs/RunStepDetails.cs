using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The details of a run step: <see cref="MessageCreationStepDetails"/>, <see cref="ToolCallsStepDetails"/>,
/// or <see cref="UnknownRunStepDetails"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<RunStepDetails, UnknownRunStepDetails>))]
public abstract class RunStepDetails : IPolymorphicBase<RunStepDetails>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<RunStepDetails>? IPolymorphicBase<RunStepDetails>.GetDerivedType(string type) => type switch
    {
        "message_creation" => PolymorphicVariant<RunStepDetails>.Of<MessageCreationStepDetails>(),
        "tool_calls" => PolymorphicVariant<RunStepDetails>.Of<ToolCallsStepDetails>(),
        _ => null,
    };
}
