using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A message event: <c>thread.message.created</c>, <c>in_progress</c>, <c>completed</c> or <c>incomplete</c>, with the whole
/// message. Fragments of its content arrive as <see cref="MessageDeltaStreamEvent"/>.</summary>
public sealed class MessageStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="MessageStreamEvent"/> class.</summary>
    /// <param name="eventName">One of the <c>thread.message.*</c> names of <see cref="RunStreamEventNames"/> other than <c>delta</c>.</param>
    /// <param name="message">The message.</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is not a message event.</exception>
    public MessageStreamEvent(string eventName, ThreadMessage message)
        : base(eventName, static kind => kind is >= RunStreamEventKind.MessageCreated and <= RunStreamEventKind.MessageIncomplete
            and not RunStreamEventKind.MessageDelta)
    {
        ArgumentNullException.ThrowIfNull(message);
        Message = message;
    }

    /// <summary>Gets the message.</summary>
    public ThreadMessage Message { get; }
}
