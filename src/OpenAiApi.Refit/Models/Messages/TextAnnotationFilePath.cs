using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The <c>file_path</c> object of a file-path annotation (or its delta): the generated file.</summary>
public sealed class TextAnnotationFilePath
{
    /// <summary>Gets the id of the file that was generated.</summary>
    public string? FileId { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
