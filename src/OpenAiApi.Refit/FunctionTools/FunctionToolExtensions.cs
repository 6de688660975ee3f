using System.Diagnostics;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>The function-tool loop: runs an assistant and answers every <c>requires_action</c> by calling the C# functions of a
/// <see cref="FunctionToolSet"/>, until the run ends.</summary>
/// <remarks>
/// <para>Each round calls all the requested functions in parallel, each bounded by <see cref="RunCompletionOptions.ToolCallTimeout"/>;
/// an unknown function name, arguments that are not a JSON object, an exception or a timeout become an output of the form
/// <c>{"error":"…"}</c> that tells the model what went wrong, and the loop goes on. The outputs are submitted in one request.
/// After <see cref="RunCompletionOptions.MaxRounds"/> rounds, one more <c>requires_action</c> ends the loop with
/// <see cref="InvalidOperationException"/>.</para>
/// <para>Built on the interface methods only, so mocks of <see cref="IRunsApi"/> and <see cref="IMessagesApi"/> drive it too.</para>
/// </remarks>
public static partial class FunctionToolExtensions
{
    private static readonly RunCompletionOptions DefaultOptions = new();

    /// <summary>Creates a run and drives it to its end, answering its tool calls with <paramref name="tools"/> and polling in between.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="messages">The messages API, to list the messages the run created.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The run to create (give it <see cref="FunctionToolSet.ToToolDefinitions"/> unless the assistant has them).</param>
    /// <param name="tools">The functions the run may call.</param>
    /// <param name="completionOptions">Rounds, timeouts and polling, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the loop, the functions and the wait at once.</param>
    /// <returns>The run in a terminal status, the messages it created and the number of rounds.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is sent.</exception>
    /// <exception cref="InvalidOperationException">The round limit was exceeded, or the run requires an action the loop cannot answer.</exception>
    /// <exception cref="TimeoutException">A wait exceeded <see cref="RunWaitOptions.Timeout"/> of <see cref="RunCompletionOptions.PollOptions"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<RunCompletionResult> RunToCompletionAsync(
        this IRunsApi runs,
        IMessagesApi messages,
        string threadId,
        RunCreationOptions options,
        FunctionToolSet tools,
        RunCompletionOptions? completionOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(messages);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tools);
        completionOptions = Validate(completionOptions, nameof(completionOptions));
        return TraceAsync(runs, threadId, activity => CreateAndCompleteAsync(runs, messages, threadId, options, tools, completionOptions, activity, cancellationToken));
    }

    /// <summary>Drives an existing run (just created, or stopped in <c>requires_action</c>) to its end, answering its tool calls with
    /// <paramref name="tools"/> and polling in between.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="messages">The messages API, to list the messages the run created.</param>
    /// <param name="run">The run as last seen; it needs its <see cref="ThreadRun.Id"/> and <see cref="ThreadRun.ThreadId"/>.</param>
    /// <param name="tools">The functions the run may call.</param>
    /// <param name="completionOptions">Rounds, timeouts and polling, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the loop, the functions and the wait at once.</param>
    /// <returns>The run in a terminal status, the messages it created and the number of rounds.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is sent.</exception>
    /// <exception cref="InvalidOperationException">The round limit was exceeded, or the run requires an action the loop cannot answer.</exception>
    /// <exception cref="TimeoutException">A wait exceeded <see cref="RunWaitOptions.Timeout"/> of <see cref="RunCompletionOptions.PollOptions"/>.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<RunCompletionResult> RunToCompletionAsync(
        this IRunsApi runs,
        IMessagesApi messages,
        ThreadRun run,
        FunctionToolSet tools,
        RunCompletionOptions? completionOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(run);
        OpenAIClientContext.ValidateId(run.Id, "run.Id");
        OpenAIClientContext.ValidateId(run.ThreadId, "run.ThreadId");
        ArgumentNullException.ThrowIfNull(tools);
        completionOptions = Validate(completionOptions, nameof(completionOptions));
        return TraceAsync(runs, run.ThreadId, activity => CompleteAsync(runs, messages, run.ThreadId, run, tools, completionOptions, activity, cancellationToken));
    }

    private static RunCompletionOptions Validate(RunCompletionOptions? options, string parameterName)
    {
        if (options is null)
        {
            return DefaultOptions;
        }

        options.Validate(parameterName);
        return options;
    }

    /// <summary>Runs the loop inside an internal <c>run_to_completion</c> span, the parent of its requests, waits and tool calls,
    /// tagged with the final run and the number of rounds.</summary>
    private static async Task<RunCompletionResult> TraceAsync(IRunsApi runs, string threadId, Func<Activity?, Task<RunCompletionResult>> loop)
    {
        string provider = OpenAIClientContext.For(runs).Provider;
        using Activity? activity = OpenAITelemetry.StartHelperActivity(
            OpenAITelemetry.RunToCompletionOperation, OpenAITelemetry.RunToCompletionOperation, provider);
        activity?.SetTag(OpenAITelemetry.GenAiConversationId, threadId);
        try
        {
            RunCompletionResult result = await loop(activity).ConfigureAwait(false);
            OpenAITelemetry.TagRun(activity, result.Run);
            activity?.SetTag(OpenAITelemetry.OpenAIRunRounds, result.Rounds);
            return result;
        }
        catch (Exception ex)
        {
            OpenAITelemetry.SetError(activity, ex);
            throw;
        }
    }

    private static async Task<RunCompletionResult> CreateAndCompleteAsync(
        IRunsApi runs, IMessagesApi messages, string threadId, RunCreationOptions options, FunctionToolSet tools,
        RunCompletionOptions completionOptions, Activity? activity, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThreadRun run = RunWaiter.EnsureRun(
            await runs.CreateRunAsync(threadId, options, include: null, cancellationToken).ConfigureAwait(false), "Create-run");
        return await CompleteAsync(runs, messages, threadId, run, tools, completionOptions, activity, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<RunCompletionResult> CompleteAsync(
        IRunsApi runs, IMessagesApi messages, string threadId, ThreadRun run, FunctionToolSet tools,
        RunCompletionOptions options, Activity? activity, CancellationToken cancellationToken)
    {
        RunWaitOptions pollOptions = options.PollOptions ?? new RunWaitOptions();
        string runId = run.Id;
        activity?.SetTag(OpenAITelemetry.OpenAIRunId, runId);
        int rounds = 0;
        RunStatus? seen = null;
        while (true)
        {
            run = await RunWaiter.WaitAsync(runs, threadId, runId, run, pollOptions, cancellationToken, seen).ConfigureAwait(false);
            if (run.Status != RunStatus.RequiresAction)
            {
                break;
            }

            seen = run.Status;
            IReadOnlyList<RunToolCall> calls = FunctionToolInvoker.GetToolCalls(run);
            if (rounds >= options.MaxRounds)
            {
                throw RoundLimitExceeded(threadId, runId, options.MaxRounds);
            }

            rounds++;
            activity?.SetTag(OpenAITelemetry.OpenAIRunRounds, rounds);
            run = await AnswerAsync(runs, threadId, runId, calls, tools, options, pollOptions, cancellationToken).ConfigureAwait(false);
        }

        var created = new List<ThreadMessage>();
        var filter = new MessageCollectionOptions { RunId = runId, Order = ListOrder.Ascending, Limit = 100 };
        await foreach (ThreadMessage message in messages.GetAllMessagesAsync(threadId, filter, cancellationToken).ConfigureAwait(false))
        {
            created.Add(message);
        }

        return new RunCompletionResult(run, created, rounds);
    }

    /// <summary>Calls the functions and submits their outputs; on the caller's cancellation, cancels the run first if asked to.</summary>
    private static async Task<ThreadRun> AnswerAsync(
        IRunsApi runs, string threadId, string runId, IReadOnlyList<RunToolCall> calls, FunctionToolSet tools,
        RunCompletionOptions options, RunWaitOptions pollOptions, CancellationToken cancellationToken)
    {
        try
        {
            List<ToolOutput> outputs = await FunctionToolInvoker.InvokeAllAsync(
                tools, calls, options, pollOptions.TimeProvider ?? OpenAIClientContext.For(runs).TimeProvider, OpenAIClientContext.For(runs), runId, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return RunWaiter.EnsureRun(
                await runs.SubmitToolOutputsToRunAsync(threadId, runId, new ToolOutputsSubmissionOptions(outputs), cancellationToken).ConfigureAwait(false),
                "Submit-tool-outputs");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && pollOptions.CancelRunOnCancellation)
        {
            await RunWaiter.TryCancelRunAsync(runs, threadId, runId).ConfigureAwait(false);
            throw;
        }
    }

    private static InvalidOperationException RoundLimitExceeded(string threadId, string runId, int maxRounds) =>
        new($"Run '{runId}' of thread '{threadId}' still requires action after {maxRounds} rounds of tool calls " +
            $"({nameof(RunCompletionOptions)}.{nameof(RunCompletionOptions.MaxRounds)}). The run is left in requires_action: " +
            "cancel it with CancelRunAsync, or continue it with RunToCompletionAsync.");
}
