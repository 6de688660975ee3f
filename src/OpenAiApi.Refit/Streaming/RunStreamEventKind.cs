namespace OpenAiApi.Refit.Streaming;

/// <summary>The kind of a <see cref="RunStreamEvent"/>: one value per event name of the spec, and <see cref="Unknown"/> for a name
/// this library does not know. Each value maps to exactly one name in <see cref="RunStreamEventNames"/>.</summary>
public enum RunStreamEventKind
{
    /// <summary>An event this library does not know (<see cref="UnknownRunStreamEvent"/>).</summary>
    Unknown = 0,

    /// <summary><c>thread.created</c> (<see cref="ThreadStreamEvent"/>).</summary>
    ThreadCreated,

    /// <summary><c>thread.run.created</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunCreated,

    /// <summary><c>thread.run.queued</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunQueued,

    /// <summary><c>thread.run.in_progress</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunInProgress,

    /// <summary><c>thread.run.requires_action</c> (<see cref="RunStatusStreamEvent"/>); the stream ends after it.</summary>
    RunRequiresAction,

    /// <summary><c>thread.run.completed</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunCompleted,

    /// <summary><c>thread.run.incomplete</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunIncomplete,

    /// <summary><c>thread.run.failed</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunFailed,

    /// <summary><c>thread.run.cancelling</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunCancelling,

    /// <summary><c>thread.run.cancelled</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunCancelled,

    /// <summary><c>thread.run.expired</c> (<see cref="RunStatusStreamEvent"/>).</summary>
    RunExpired,

    /// <summary><c>thread.run.step.created</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepCreated,

    /// <summary><c>thread.run.step.in_progress</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepInProgress,

    /// <summary><c>thread.run.step.delta</c> (<see cref="RunStepDeltaStreamEvent"/>).</summary>
    RunStepDelta,

    /// <summary><c>thread.run.step.completed</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepCompleted,

    /// <summary><c>thread.run.step.failed</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepFailed,

    /// <summary><c>thread.run.step.cancelled</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepCancelled,

    /// <summary><c>thread.run.step.expired</c> (<see cref="RunStepStreamEvent"/>).</summary>
    RunStepExpired,

    /// <summary><c>thread.message.created</c> (<see cref="MessageStreamEvent"/>).</summary>
    MessageCreated,

    /// <summary><c>thread.message.in_progress</c> (<see cref="MessageStreamEvent"/>).</summary>
    MessageInProgress,

    /// <summary><c>thread.message.delta</c> (<see cref="MessageDeltaStreamEvent"/>).</summary>
    MessageDelta,

    /// <summary><c>thread.message.completed</c> (<see cref="MessageStreamEvent"/>).</summary>
    MessageCompleted,

    /// <summary><c>thread.message.incomplete</c> (<see cref="MessageStreamEvent"/>).</summary>
    MessageIncomplete,

    /// <summary><c>error</c> (<see cref="ErrorStreamEvent"/>); the streaming helpers throw instead of yielding it.</summary>
    Error,

    /// <summary><c>done</c> (<see cref="DoneStreamEvent"/>), the last event of a stream.</summary>
    Done,
}
