using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A part of the content of a <see cref="ThreadMessage"/>: <see cref="TextMessageContent"/>, <see cref="ImageFileMessageContent"/>,
/// <see cref="ImageUrlMessageContent"/>, <see cref="RefusalMessageContent"/>, or <see cref="UnknownMessageContent"/> for a type this
/// library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<MessageContent, UnknownMessageContent>))]
public abstract class MessageContent : IPolymorphicBase<MessageContent>
{
    /// <summary>Gets the wire type of the content part.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<MessageContent>? IPolymorphicBase<MessageContent>.GetDerivedType(string type) => type switch
    {
        "text" => PolymorphicVariant<MessageContent>.Of<TextMessageContent>(),
        "image_file" => PolymorphicVariant<MessageContent>.Of<ImageFileMessageContent>(),
        "image_url" => PolymorphicVariant<MessageContent>.Of<ImageUrlMessageContent>(),
        "refusal" => PolymorphicVariant<MessageContent>.Of<RefusalMessageContent>(),
        _ => null,
    };
}
