using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The ranking options of the file search tool.</summary>
public sealed class FileSearchRankingOptions
{
    /// <summary>Gets or sets the ranker, e.g. <c>auto</c> or <c>default_2024_08_21</c>; <see langword="null"/> means <c>auto</c>.</summary>
    public string? Ranker { get; set; }

    /// <summary>Gets or sets the score threshold, between 0 and 1: results scoring below it are dropped.</summary>
    public double? ScoreThreshold { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
