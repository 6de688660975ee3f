using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The <c>file_citation</c> object of a file-citation annotation (or its delta): the cited file.</summary>
public sealed class TextAnnotationFileCitation
{
    /// <summary>Gets the id of the file the citation is from.</summary>
    public string? FileId { get; init; }

    /// <summary>Gets the quoted text from the file, when the server sends it.</summary>
    public string? Quote { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
