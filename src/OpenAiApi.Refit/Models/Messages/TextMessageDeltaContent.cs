using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of text content: text to append and annotations added.</summary>
public sealed class TextMessageDeltaContent : MessageDeltaContent
{
    /// <inheritdoc />
    public override string Type => "text";

    /// <summary>Gets the text fragment and its annotations.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<MessageTextDelta>))]
    public MessageTextDelta? Text { get; init; }
}
