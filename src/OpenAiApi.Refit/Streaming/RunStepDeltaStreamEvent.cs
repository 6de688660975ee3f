using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>A <c>thread.run.step.delta</c> event: a fragment of a run step (tool call arguments, code, outputs), addressed by index.
/// Feed the events to a <see cref="RunStreamAccumulator"/> to get whole steps.</summary>
public sealed class RunStepDeltaStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="RunStepDeltaStreamEvent"/> class.</summary>
    /// <param name="delta">The fragment.</param>
    public RunStepDeltaStreamEvent(RunStepDelta delta)
        : base(RunStreamEventNames.RunStepDelta, null)
    {
        ArgumentNullException.ThrowIfNull(delta);
        Delta = delta;
    }

    /// <summary>Gets the fragment.</summary>
    public RunStepDelta Delta { get; }
}
