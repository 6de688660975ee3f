using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Overrides of the defaults of the file search tool (the <c>file_search</c> object of a file search tool).</summary>
public sealed class FileSearchToolOverrides
{
    /// <summary>Gets or sets the maximum number of results the tool outputs (1 to 50; the server's default depends on the model).</summary>
    public int? MaxNumResults { get; set; }

    /// <summary>Gets or sets the ranking options, or <see langword="null"/> for the <c>auto</c> ranker and a threshold of 0.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<FileSearchRankingOptions>))]
    public FileSearchRankingOptions? RankingOptions { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
