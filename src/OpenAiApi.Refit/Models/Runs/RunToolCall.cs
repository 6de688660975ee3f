using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A tool call whose output a run in <c>requires_action</c> waits for.</summary>
public sealed class RunToolCall
{
    /// <summary>Gets the id of the tool call, to reference in the submitted output.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the type of the tool call; for now always <c>function</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the function the model wants called.</summary>
    public RunToolCallFunction? Function { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
