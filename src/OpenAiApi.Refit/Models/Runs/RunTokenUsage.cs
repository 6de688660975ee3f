using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The token usage of a run or of a run step.</summary>
public sealed class RunTokenUsage
{
    /// <summary>Gets the number of completion tokens used.</summary>
    public int? CompletionTokens { get; init; }

    /// <summary>Gets the number of prompt tokens used.</summary>
    public int? PromptTokens { get; init; }

    /// <summary>Gets the total number of tokens used (prompt + completion).</summary>
    public int? TotalTokens { get; init; }

    /// <summary>Gets the breakdown of the prompt tokens (not in the published spec).</summary>
    [JsonPropertyName("prompt_token_details")]
    public PromptTokenDetails? PromptTokenDetails { get; init; }

    /// <summary>Gets the breakdown of the completion tokens (not in the published spec).</summary>
    [JsonPropertyName("completion_tokens_details")]
    public CompletionTokenDetails? CompletionTokenDetails { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
