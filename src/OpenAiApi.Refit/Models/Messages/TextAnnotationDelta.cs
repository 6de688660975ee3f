using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An annotation fragment in a <see cref="MessageTextDelta"/>, addressed by <see cref="Index"/>:
/// <see cref="FileCitationTextAnnotationDelta"/>, <see cref="FilePathTextAnnotationDelta"/>, or
/// <see cref="UnknownTextAnnotationDelta"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<TextAnnotationDelta, UnknownTextAnnotationDelta>))]
public abstract class TextAnnotationDelta : IPolymorphicBase<TextAnnotationDelta>
{
    /// <summary>Gets the wire type of the annotation.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the index of the annotation in the text content part.</summary>
    public int Index { get; init; }

    /// <summary>Gets the text in the message content that the annotation replaces.</summary>
    public string? Text { get; init; }

    /// <summary>Gets the start index of the annotated span in the text.</summary>
    public int? StartIndex { get; init; }

    /// <summary>Gets the end index of the annotated span in the text.</summary>
    public int? EndIndex { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<TextAnnotationDelta>? IPolymorphicBase<TextAnnotationDelta>.GetDerivedType(string type) => type switch
    {
        "file_citation" => PolymorphicVariant<TextAnnotationDelta>.Of<FileCitationTextAnnotationDelta>(),
        "file_path" => PolymorphicVariant<TextAnnotationDelta>.Of<FilePathTextAnnotationDelta>(),
        _ => null,
    };
}
