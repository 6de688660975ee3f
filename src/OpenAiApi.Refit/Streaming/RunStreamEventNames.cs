namespace OpenAiApi.Refit.Streaming;

/// <summary>The event names of an Assistants run stream, as the server sends them in the SSE <c>event:</c> field.</summary>
public static class RunStreamEventNames
{
    /// <summary><c>thread.created</c>: a thread was created (create-thread-and-run).</summary>
    public const string ThreadCreated = "thread.created";

    /// <summary><c>thread.run.created</c>.</summary>
    public const string RunCreated = "thread.run.created";

    /// <summary><c>thread.run.queued</c>.</summary>
    public const string RunQueued = "thread.run.queued";

    /// <summary><c>thread.run.in_progress</c>.</summary>
    public const string RunInProgress = "thread.run.in_progress";

    /// <summary><c>thread.run.requires_action</c>: the run waits for tool outputs; the stream ends.</summary>
    public const string RunRequiresAction = "thread.run.requires_action";

    /// <summary><c>thread.run.completed</c>.</summary>
    public const string RunCompleted = "thread.run.completed";

    /// <summary><c>thread.run.incomplete</c>.</summary>
    public const string RunIncomplete = "thread.run.incomplete";

    /// <summary><c>thread.run.failed</c>.</summary>
    public const string RunFailed = "thread.run.failed";

    /// <summary><c>thread.run.cancelling</c>.</summary>
    public const string RunCancelling = "thread.run.cancelling";

    /// <summary><c>thread.run.cancelled</c>.</summary>
    public const string RunCancelled = "thread.run.cancelled";

    /// <summary><c>thread.run.expired</c>.</summary>
    public const string RunExpired = "thread.run.expired";

    /// <summary><c>thread.run.step.created</c>.</summary>
    public const string RunStepCreated = "thread.run.step.created";

    /// <summary><c>thread.run.step.in_progress</c>.</summary>
    public const string RunStepInProgress = "thread.run.step.in_progress";

    /// <summary><c>thread.run.step.delta</c>: a fragment of a run step (tool call arguments, code, outputs).</summary>
    public const string RunStepDelta = "thread.run.step.delta";

    /// <summary><c>thread.run.step.completed</c>.</summary>
    public const string RunStepCompleted = "thread.run.step.completed";

    /// <summary><c>thread.run.step.failed</c>.</summary>
    public const string RunStepFailed = "thread.run.step.failed";

    /// <summary><c>thread.run.step.cancelled</c>.</summary>
    public const string RunStepCancelled = "thread.run.step.cancelled";

    /// <summary><c>thread.run.step.expired</c>.</summary>
    public const string RunStepExpired = "thread.run.step.expired";

    /// <summary><c>thread.message.created</c>.</summary>
    public const string MessageCreated = "thread.message.created";

    /// <summary><c>thread.message.in_progress</c>.</summary>
    public const string MessageInProgress = "thread.message.in_progress";

    /// <summary><c>thread.message.delta</c>: a fragment of a message (text, annotations).</summary>
    public const string MessageDelta = "thread.message.delta";

    /// <summary><c>thread.message.completed</c>.</summary>
    public const string MessageCompleted = "thread.message.completed";

    /// <summary><c>thread.message.incomplete</c>.</summary>
    public const string MessageIncomplete = "thread.message.incomplete";

    /// <summary><c>error</c>: the server failed; the data is an error object.</summary>
    public const string Error = "error";

    /// <summary><c>done</c>: the stream ends; the data is <c>[DONE]</c>.</summary>
    public const string Done = "done";

    /// <summary>Gets the kind of an event name; <see cref="RunStreamEventKind.Unknown"/> for a name this library does not know.</summary>
    /// <param name="eventName">The event name (case-sensitive, as on the wire).</param>
    /// <returns>The kind.</returns>
    internal static RunStreamEventKind GetKind(string? eventName) => eventName switch
    {
        ThreadCreated => RunStreamEventKind.ThreadCreated,
        RunCreated => RunStreamEventKind.RunCreated,
        RunQueued => RunStreamEventKind.RunQueued,
        RunInProgress => RunStreamEventKind.RunInProgress,
        RunRequiresAction => RunStreamEventKind.RunRequiresAction,
        RunCompleted => RunStreamEventKind.RunCompleted,
        RunIncomplete => RunStreamEventKind.RunIncomplete,
        RunFailed => RunStreamEventKind.RunFailed,
        RunCancelling => RunStreamEventKind.RunCancelling,
        RunCancelled => RunStreamEventKind.RunCancelled,
        RunExpired => RunStreamEventKind.RunExpired,
        RunStepCreated => RunStreamEventKind.RunStepCreated,
        RunStepInProgress => RunStreamEventKind.RunStepInProgress,
        RunStepDelta => RunStreamEventKind.RunStepDelta,
        RunStepCompleted => RunStreamEventKind.RunStepCompleted,
        RunStepFailed => RunStreamEventKind.RunStepFailed,
        RunStepCancelled => RunStreamEventKind.RunStepCancelled,
        RunStepExpired => RunStreamEventKind.RunStepExpired,
        MessageCreated => RunStreamEventKind.MessageCreated,
        MessageInProgress => RunStreamEventKind.MessageInProgress,
        MessageDelta => RunStreamEventKind.MessageDelta,
        MessageCompleted => RunStreamEventKind.MessageCompleted,
        MessageIncomplete => RunStreamEventKind.MessageIncomplete,
        Error => RunStreamEventKind.Error,
        Done => RunStreamEventKind.Done,
        _ => RunStreamEventKind.Unknown,
    };

    /// <summary>Gets the wire name of a kind (<see langword="null"/> for <see cref="RunStreamEventKind.Unknown"/>).</summary>
    /// <param name="kind">The kind.</param>
    /// <returns>The event name, or <see langword="null"/>.</returns>
    internal static string? GetName(RunStreamEventKind kind) => kind switch
    {
        RunStreamEventKind.ThreadCreated => ThreadCreated,
        RunStreamEventKind.RunCreated => RunCreated,
        RunStreamEventKind.RunQueued => RunQueued,
        RunStreamEventKind.RunInProgress => RunInProgress,
        RunStreamEventKind.RunRequiresAction => RunRequiresAction,
        RunStreamEventKind.RunCompleted => RunCompleted,
        RunStreamEventKind.RunIncomplete => RunIncomplete,
        RunStreamEventKind.RunFailed => RunFailed,
        RunStreamEventKind.RunCancelling => RunCancelling,
        RunStreamEventKind.RunCancelled => RunCancelled,
        RunStreamEventKind.RunExpired => RunExpired,
        RunStreamEventKind.RunStepCreated => RunStepCreated,
        RunStreamEventKind.RunStepInProgress => RunStepInProgress,
        RunStreamEventKind.RunStepDelta => RunStepDelta,
        RunStreamEventKind.RunStepCompleted => RunStepCompleted,
        RunStreamEventKind.RunStepFailed => RunStepFailed,
        RunStreamEventKind.RunStepCancelled => RunStepCancelled,
        RunStreamEventKind.RunStepExpired => RunStepExpired,
        RunStreamEventKind.MessageCreated => MessageCreated,
        RunStreamEventKind.MessageInProgress => MessageInProgress,
        RunStreamEventKind.MessageDelta => MessageDelta,
        RunStreamEventKind.MessageCompleted => MessageCompleted,
        RunStreamEventKind.MessageIncomplete => MessageIncomplete,
        RunStreamEventKind.Error => Error,
        RunStreamEventKind.Done => Done,
        _ => null,
    };

    /// <summary>Whether the event ends a run stream: a run reached <c>requires_action</c> or a final status
    /// (<c>completed</c>, <c>incomplete</c>, <c>failed</c>, <c>cancelled</c>, <c>expired</c>), or <c>done</c>.</summary>
    /// <param name="kind">The kind.</param>
    /// <returns><see langword="true"/> for a terminal event.</returns>
    internal static bool IsTerminal(RunStreamEventKind kind) => kind is RunStreamEventKind.RunRequiresAction
        or RunStreamEventKind.RunCompleted or RunStreamEventKind.RunIncomplete or RunStreamEventKind.RunFailed
        or RunStreamEventKind.RunCancelled or RunStreamEventKind.RunExpired or RunStreamEventKind.Done;
}
