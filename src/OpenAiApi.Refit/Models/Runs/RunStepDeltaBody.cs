using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The changed fields of a run step delta.</summary>
public sealed class RunStepDeltaBody
{
    /// <summary>Gets the changed details of the step: <see cref="MessageCreationStepDeltaDetails"/> or <see cref="ToolCallsStepDeltaDetails"/>.</summary>
    public RunStepDeltaDetails? StepDetails { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
