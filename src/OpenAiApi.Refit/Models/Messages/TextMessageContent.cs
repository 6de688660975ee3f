using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Text content of a message, with its annotations.</summary>
public sealed class TextMessageContent : MessageContent
{
    /// <inheritdoc />
    public override string Type => "text";

    /// <summary>Gets the text and its annotations.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<MessageText>))]
    public MessageText? Text { get; init; }
}
