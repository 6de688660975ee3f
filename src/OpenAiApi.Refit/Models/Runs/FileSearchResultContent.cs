using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A piece of the content of a file search result.</summary>
public sealed class FileSearchResultContent
{
    /// <summary>Gets the type of the content, e.g. <c>text</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the text content.</summary>
    public string? Text { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
