using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A content part of a message to create: <see cref="TextInputContentPart"/>, <see cref="ImageFileInputContentPart"/>,
/// <see cref="ImageUrlInputContentPart"/>, or <see cref="UnknownInputContentPart"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<MessageInputContentPart, UnknownInputContentPart>))]
public abstract class MessageInputContentPart : IPolymorphicBase<MessageInputContentPart>
{
    /// <summary>Gets the wire type of the content part.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<MessageInputContentPart>? IPolymorphicBase<MessageInputContentPart>.GetDerivedType(string type) => type switch
    {
        "text" => PolymorphicVariant<MessageInputContentPart>.Of<TextInputContentPart>(),
        "image_file" => PolymorphicVariant<MessageInputContentPart>.Of<ImageFileInputContentPart>(),
        "image_url" => PolymorphicVariant<MessageInputContentPart>.Of<ImageUrlInputContentPart>(),
        _ => null,
    };
}
