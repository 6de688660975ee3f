using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A <c>thread.message.delta</c> event: a fragment of a message's content (text to append, annotations), addressed by index.
/// Write <see cref="Text"/> as it arrives, or feed the events to a <see cref="RunStreamAccumulator"/> to get whole messages.</summary>
public sealed class MessageDeltaStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="MessageDeltaStreamEvent"/> class.</summary>
    /// <param name="delta">The fragment.</param>
    public MessageDeltaStreamEvent(MessageDelta delta)
        : base(RunStreamEventNames.MessageDelta, null)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Delta = delta;
    }

    /// <summary>Gets the fragment.</summary>
    public MessageDelta Delta { get; }

    /// <summary>Gets the text this fragment appends: its text parts' values, concatenated (empty when it carries none).</summary>
    public string Text
    {
        get
        {
            IReadOnlyList<MessageDeltaContent>? content = Delta.Delta?.Content;
            if (content is null)
            {
                return string.Empty;
            }

            // Read once per event on the hot path: the usual single text part returns its value as is, with no allocation.
            string text = string.Empty;
            for (int i = 0; i < content.Count; i++)
            {
                if (content[i] is TextMessageDeltaContent { Text.Value: { Length: > 0 } value })
                {
                    text = text.Length == 0 ? value : string.Concat(text, value);
                }
            }

            return text;
        }
    }
}
