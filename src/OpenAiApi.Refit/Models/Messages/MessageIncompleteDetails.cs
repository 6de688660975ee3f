using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Why a message is incomplete.</summary>
public sealed class MessageIncompleteDetails
{
    /// <summary>Gets the reason: <c>content_filter</c>, <c>max_tokens</c>, <c>run_cancelled</c>, <c>run_expired</c>,
    /// <c>run_failed</c>, or a value this library does not know.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
