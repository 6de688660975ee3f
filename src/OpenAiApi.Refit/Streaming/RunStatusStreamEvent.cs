using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A run event: one of the ten <c>thread.run.*</c> events (<c>created</c>, <c>queued</c>, <c>in_progress</c>,
/// <c>requires_action</c>, <c>completed</c>, <c>incomplete</c>, <c>failed</c>, <c>cancelling</c>, <c>cancelled</c>, <c>expired</c>),
/// with the run as it is now. <see cref="RunStreamEvent.Kind"/> tells which.</summary>
public sealed class RunStatusStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="RunStatusStreamEvent"/> class.</summary>
    /// <param name="eventName">One of the <c>thread.run.*</c> names of <see cref="RunStreamEventNames"/>.</param>
    /// <param name="run">The run.</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is not a run event.</exception>
    public RunStatusStreamEvent(string eventName, ThreadRun run)
        : base(eventName, static kind => kind is >= RunStreamEventKind.RunCreated and <= RunStreamEventKind.RunExpired)
    {
        ArgumentNullException.ThrowIfNull(run);
        Run = run;
    }

    /// <summary>Gets the run. On <c>thread.run.requires_action</c>, <see cref="ThreadRun.RequiredAction"/> lists the tool calls to answer.</summary>
    public ThreadRun Run { get; }
}
