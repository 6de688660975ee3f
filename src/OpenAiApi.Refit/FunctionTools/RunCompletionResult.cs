using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>The outcome of <c>RunToCompletionAsync</c>: the run in its final status, the messages it created, and how many
/// rounds of tool calls it took.</summary>
public sealed class RunCompletionResult
{
    /// <summary>Initializes a new instance of the <see cref="RunCompletionResult"/> class.</summary>
    /// <param name="run">The run in its final status.</param>
    /// <param name="messages">The messages the run created, oldest first.</param>
    /// <param name="rounds">How many times tool outputs were submitted.</param>
    public RunCompletionResult(ThreadRun run, IReadOnlyList<ThreadMessage> messages, int rounds)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfNegative(rounds);
        Run = run;
        Messages = messages;
        Rounds = rounds;
    }

    /// <summary>Gets the run in its final status: <c>completed</c>, <c>failed</c>, <c>cancelled</c>, <c>expired</c> or
    /// <c>incomplete</c> (check <see cref="ThreadRun.Status"/>, <see cref="ThreadRun.LastError"/> and
    /// <see cref="ThreadRun.IncompleteDetails"/>).</summary>
    public ThreadRun Run { get; }

    /// <summary>Gets the messages the run created (list-messages with the <c>run_id</c> filter), oldest first.</summary>
    public IReadOnlyList<ThreadMessage> Messages { get; }

    /// <summary>Gets how many times tool outputs were submitted (0 when the run needed no function call).</summary>
    public int Rounds { get; }
}
