using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The breakdown of the completion tokens of a run or a run step.</summary>
public sealed class CompletionTokenDetails
{
    /// <summary>Gets the number of completion tokens spent on reasoning.</summary>
    public int? ReasoningTokens { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
