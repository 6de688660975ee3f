using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The ranking options and results of a file search call.</summary>
public sealed class FileSearchToolCallDetails
{
    /// <summary>Gets the ranking options the search used.</summary>
    public FileSearchRankingOptions? RankingOptions { get; init; }

    /// <summary>Gets the results of the search.</summary>
    public IReadOnlyList<FileSearchResult> Results { get; init => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
