namespace OpenAiApi.Refit.Models;

/// <summary>Text content of a message, with its annotations.</summary>
public sealed class TextMessageContent : MessageContent
{
    /// <inheritdoc />
    public override string Type => "text";

    /// <summary>Gets the text and its annotations.</summary>
    public MessageText? Text { get; init; }
}
