using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The <c>text</c> object of a <see cref="TextMessageContent"/>: the text and its annotations.</summary>
public sealed class MessageText
{
    /// <summary>Gets the text.</summary>
    public string? Value { get; init; }

    /// <summary>Gets the annotations of the text (file citations and file paths).</summary>
    [JsonConverter(typeof(OwnReadStackConverter<IReadOnlyList<TextAnnotation>>))]
    public IReadOnlyList<TextAnnotation> Annotations { get; init => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
