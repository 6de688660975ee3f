using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The file holding an image output of a code interpreter call.</summary>
public sealed class CodeInterpreterImageFile
{
    /// <summary>Gets the id of the image file.</summary>
    public string? FileId { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
