using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The breakdown of the prompt tokens of a run or a run step.</summary>
public sealed class PromptTokenDetails
{
    /// <summary>Gets the number of prompt tokens served from the cache.</summary>
    public int? CachedTokens { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
