using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Why a run ended <c>incomplete</c>.</summary>
public sealed class RunIncompleteDetails
{
    /// <summary>Gets the reason, the token limit reached: <c>max_completion_tokens</c> or <c>max_prompt_tokens</c>;
    /// other values may appear.</summary>
    public string? Reason { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
