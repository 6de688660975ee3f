using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The message a run step created (or is creating).</summary>
public sealed class RunStepMessageCreation
{
    /// <summary>Gets the id of the message.</summary>
    public string? MessageId { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
