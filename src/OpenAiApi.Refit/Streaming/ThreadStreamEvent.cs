using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A thread event (<c>thread.created</c>, sent by create-thread-and-run) with the thread.</summary>
public sealed class ThreadStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="ThreadStreamEvent"/> class.</summary>
    /// <param name="eventName">The event name: <see cref="RunStreamEventNames.ThreadCreated"/>.</param>
    /// <param name="thread">The thread.</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is not a thread event.</exception>
    public ThreadStreamEvent(string eventName, AssistantThread thread)
        : base(eventName, static kind => kind is RunStreamEventKind.ThreadCreated)
    {
        ArgumentNullException.ThrowIfNull(thread);
        Thread = thread;
    }

    /// <summary>Gets the thread.</summary>
    public AssistantThread Thread { get; }
}
