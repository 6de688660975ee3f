using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A run step event: <c>thread.run.step.created</c>, <c>in_progress</c>, <c>completed</c>, <c>failed</c>, <c>cancelled</c> or
/// <c>expired</c>, with the whole step. Fragments of a step arrive as <see cref="RunStepDeltaStreamEvent"/>.</summary>
public sealed class RunStepStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="RunStepStreamEvent"/> class.</summary>
    /// <param name="eventName">One of the <c>thread.run.step.*</c> names of <see cref="RunStreamEventNames"/> other than <c>delta</c>.</param>
    /// <param name="runStep">The run step.</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is not a run step event.</exception>
    public RunStepStreamEvent(string eventName, RunStep runStep)
        : base(eventName, static kind => kind is >= RunStreamEventKind.RunStepCreated and <= RunStreamEventKind.RunStepExpired
            and not RunStreamEventKind.RunStepDelta)
    {
        ArgumentNullException.ThrowIfNull(runStep);
        RunStep = runStep;
    }

    /// <summary>Gets the run step.</summary>
    public RunStep RunStep { get; }
}
