using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>
/// Turns the events of a run stream into whole objects: feed it every event (<see cref="Add"/>), then read the thread, the run as it
/// last was (<see cref="Run"/>), the messages with their text and annotations, and the run steps with their tool calls (function
/// arguments, code interpreter input and outputs, file search) — deltas applied in order, and replaced by the server's whole object
/// when one arrives (<c>thread.message.completed</c>, <c>thread.run.step.completed</c>, …).
/// </summary>
/// <remarks>
/// <para>Delta indices are checked: a fragment addressed below 0 or above <see cref="MaxIndex"/> throws
/// <see cref="OpenAIStreamException"/> instead of being trusted, and fragments are stored by index (not in an array sized by it), so
/// memory stays proportional to the content received.</para>
/// <para>Snapshots are built when read and cached until the next event changes them. Not thread-safe: feed and read it from one
/// enumeration.</para>
/// </remarks>
/// <example>
/// <code>
/// var accumulator = new RunStreamAccumulator();
/// await foreach (RunStreamEvent e in runs.CreateRunStreamingAsync(threadId, new RunCreationOptions(assistantId)))
/// {
///     accumulator.Add(e);
///     if (e is MessageDeltaStreamEvent delta) Console.Write(delta.Text);
/// }
/// Console.WriteLine(accumulator.Run?.Status);
/// </code>
/// </example>
public sealed class RunStreamAccumulator
{
    /// <summary>The default largest delta index accepted: 4096.</summary>
    public const int DefaultMaxIndex = 4096;

    private readonly Dictionary<string, MessageSnapshotBuilder> _messagesById = new(StringComparer.Ordinal);
    private readonly List<MessageSnapshotBuilder> _messages = [];
    private readonly Dictionary<string, RunStepSnapshotBuilder> _stepsById = new(StringComparer.Ordinal);
    private readonly List<RunStepSnapshotBuilder> _steps = [];

    /// <summary>Initializes a new instance of the <see cref="RunStreamAccumulator"/> class, accepting delta indices up to <see cref="DefaultMaxIndex"/>.</summary>
    public RunStreamAccumulator()
        : this(DefaultMaxIndex)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunStreamAccumulator"/> class.</summary>
    /// <param name="maxIndex">The largest delta index accepted (content part, annotation, tool call, code interpreter output).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxIndex"/> is negative.</exception>
    public RunStreamAccumulator(int maxIndex)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxIndex);
        MaxIndex = maxIndex;
    }

    /// <summary>Gets the largest delta index accepted.</summary>
    public int MaxIndex { get; }

    /// <summary>Gets the thread, once a <c>thread.created</c> event arrived.</summary>
    public AssistantThread? Thread { get; private set; }

    /// <summary>Gets the run as the latest <c>thread.run.*</c> event showed it: after the stream, the final run (or the run waiting in
    /// <c>requires_action</c>, with its tool calls).</summary>
    public ThreadRun? Run { get; private set; }

    /// <summary>Gets the messages, in the order they first appeared, with all fragments so far applied.</summary>
    public IReadOnlyList<ThreadMessage> Messages => [.. _messages.Select(static message => message.Build())];

    /// <summary>Gets the run steps, in the order they first appeared, with all fragments so far applied.</summary>
    public IReadOnlyList<RunStep> RunSteps => [.. _steps.Select(static step => step.Build())];

    /// <summary>Gets the tool calls of all run steps, step by step and in index order: function calls with their whole arguments,
    /// code interpreter calls with their input and outputs, file search calls.</summary>
    public IReadOnlyList<RunStepToolCall> ToolCalls => [.. _steps.SelectMany(static step => step.BuildToolCalls())];

    /// <summary>Gets a message by id.</summary>
    /// <param name="messageId">The id of the message.</param>
    /// <returns>The message with all fragments so far applied, or <see langword="null"/> if the stream has not mentioned it.</returns>
    public ThreadMessage? GetMessage(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return _messagesById.TryGetValue(messageId, out MessageSnapshotBuilder? message) ? message.Build() : null;
    }

    /// <summary>Gets a run step by id.</summary>
    /// <param name="runStepId">The id of the run step.</param>
    /// <returns>The step with all fragments so far applied, or <see langword="null"/> if the stream has not mentioned it.</returns>
    public RunStep? GetRunStep(string runStepId)
    {
        ArgumentNullException.ThrowIfNull(runStepId);
        return _stepsById.TryGetValue(runStepId, out RunStepSnapshotBuilder? step) ? step.Build() : null;
    }

    /// <summary>Applies one event. Events that carry nothing to accumulate (<c>done</c>, unknown events) are ignored.</summary>
    /// <param name="streamEvent">The event.</param>
    /// <exception cref="OpenAIStreamException">A delta addresses an index below 0 or above <see cref="MaxIndex"/>; the delta is not applied.</exception>
    public void Add(RunStreamEvent streamEvent)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        switch (streamEvent)
        {
            case ThreadStreamEvent e:
                Thread = e.Thread;
                break;
            case RunStatusStreamEvent e:
                Run = e.Run;
                break;
            case RunStepStreamEvent e:
                GetOrAdd(_stepsById, _steps, e.RunStep.Id, static id => new RunStepSnapshotBuilder(id)).Apply(e.RunStep);
                break;
            case RunStepDeltaStreamEvent e:
                RunStepSnapshotBuilder step = GetOrAdd(_stepsById, _steps, e.Delta.Id, static id => new RunStepSnapshotBuilder(id));
                step.Apply(e.Delta, new DeltaIndexGuard(MaxIndex, e.EventName, step.RunId ?? Run?.Id));
                break;
            case MessageStreamEvent e:
                GetOrAdd(_messagesById, _messages, e.Message.Id, static id => new MessageSnapshotBuilder(id)).Apply(e.Message);
                break;
            case MessageDeltaStreamEvent e:
                MessageSnapshotBuilder message = GetOrAdd(_messagesById, _messages, e.Delta.Id, static id => new MessageSnapshotBuilder(id));
                message.Apply(e.Delta, new DeltaIndexGuard(MaxIndex, e.EventName, message.RunId ?? Run?.Id));
                break;
        }
    }

    private static T GetOrAdd<T>(Dictionary<string, T> byId, List<T> ordered, string? id, Func<string, T> create)
    {
        id ??= string.Empty;
        if (!byId.TryGetValue(id, out T? builder))
        {
            builder = create(id);
            byId[id] = builder;
            ordered.Add(builder);
        }

        return builder;
    }
}
