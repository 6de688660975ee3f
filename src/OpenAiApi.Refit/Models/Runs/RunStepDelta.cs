using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The changed fields of a run step while streaming (<c>thread.run.step.delta</c>).</summary>
public sealed class RunStepDelta
{
    /// <summary>Gets the id of the run step.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread.run.step.delta</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets the changed fields.</summary>
    public RunStepDeltaBody? Delta { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
