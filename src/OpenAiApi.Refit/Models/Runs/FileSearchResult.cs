using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>One result of a file search call.</summary>
public sealed class FileSearchResult
{
    /// <summary>Gets the id of the file the result was found in.</summary>
    public string? FileId { get; init; }

    /// <summary>Gets the name of the file the result was found in.</summary>
    public string? FileName { get; init; }

    /// <summary>Gets the score of the result, between 0 and 1.</summary>
    public double? Score { get; init; }

    /// <summary>Gets the content found; only present when requested with <see cref="RunStepInclude.FileSearchResultContent"/>.</summary>
    public IReadOnlyList<FileSearchResultContent> Content { get; init => field = value ?? []; } = [];

    /// <summary>Gets the attributes of the file (not in the published spec).</summary>
    public IReadOnlyDictionary<string, JsonElement>? Attributes { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
