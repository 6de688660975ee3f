using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of message content in a <see cref="MessageDelta"/>, addressed by <see cref="Index"/>:
/// <see cref="TextMessageDeltaContent"/>, <see cref="ImageFileMessageDeltaContent"/>, <see cref="ImageUrlMessageDeltaContent"/>,
/// <see cref="RefusalMessageDeltaContent"/>, or <see cref="UnknownMessageDeltaContent"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<MessageDeltaContent, UnknownMessageDeltaContent>))]
public abstract class MessageDeltaContent : IPolymorphicBase<MessageDeltaContent>
{
    /// <summary>Gets the wire type of the content part.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the index of the content part in the message that this fragment belongs to.</summary>
    public int Index { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<MessageDeltaContent>? IPolymorphicBase<MessageDeltaContent>.GetDerivedType(string type) => type switch
    {
        "text" => PolymorphicVariant<MessageDeltaContent>.Of<TextMessageDeltaContent>(),
        "image_file" => PolymorphicVariant<MessageDeltaContent>.Of<ImageFileMessageDeltaContent>(),
        "image_url" => PolymorphicVariant<MessageDeltaContent>.Of<ImageUrlMessageDeltaContent>(),
        "refusal" => PolymorphicVariant<MessageDeltaContent>.Of<RefusalMessageDeltaContent>(),
        _ => null,
    };
}
