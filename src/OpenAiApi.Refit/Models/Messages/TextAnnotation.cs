using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An annotation of a span of message text: <see cref="FileCitationTextAnnotation"/>, <see cref="FilePathTextAnnotation"/>,
/// or <see cref="UnknownTextAnnotation"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<TextAnnotation, UnknownTextAnnotation>))]
public abstract class TextAnnotation : IPolymorphicBase<TextAnnotation>
{
    /// <summary>Gets the wire type of the annotation.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the text in the message content that the annotation replaces (e.g. a placeholder such as <c>【4:0†source】</c>).</summary>
    public string? Text { get; init; }

    /// <summary>Gets the start index of the annotated span in the text.</summary>
    public int? StartIndex { get; init; }

    /// <summary>Gets the end index of the annotated span in the text.</summary>
    public int? EndIndex { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<TextAnnotation>? IPolymorphicBase<TextAnnotation>.GetDerivedType(string type) => type switch
    {
        "file_citation" => PolymorphicVariant<TextAnnotation>.Of<FileCitationTextAnnotation>(),
        "file_path" => PolymorphicVariant<TextAnnotation>.Of<FilePathTextAnnotation>(),
        _ => null,
    };
}
