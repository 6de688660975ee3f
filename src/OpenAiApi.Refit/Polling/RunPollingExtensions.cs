using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>Waits for runs by polling get-run: until the run needs tool outputs (<c>requires_action</c>) or has ended
/// (<c>completed</c>, <c>failed</c>, <c>cancelled</c>, <c>expired</c>, <c>incomplete</c>).</summary>
/// <remarks>
/// <para>Built on the interface methods only, so a mock of <see cref="IRunsApi"/> drives them too. <c>queued</c>,
/// <c>in_progress</c>, <c>cancelling</c>, a missing status and any status this library does not know keep the poll going.</para>
/// <para>Between two polls the helpers wait for the interval the server suggested with the last response
/// (<c>openai-poll-after-ms</c>, <see cref="ThreadRun.SuggestedPollInterval"/>), else <see cref="RunWaitOptions.PollInterval"/>.
/// A <see cref="RunWaitOptions.Timeout"/> bounds the whole wait (<see cref="TimeoutException"/>); the caller's token stops it at
/// once (<see cref="OperationCanceledException"/>, and no request is sent after it unless
/// <see cref="RunWaitOptions.CancelRunOnCancellation"/> asks for the run to be cancelled).</para>
/// </remarks>
public static class RunPollingExtensions
{
    private static readonly RunWaitOptions DefaultOptions = new();

    /// <summary>Polls a run until it reaches <c>requires_action</c> or a terminal status.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The interval, deadline and clock, or <see langword="null"/> for the defaults (1 s, no deadline).</param>
    /// <param name="cancellationToken">A token that stops the wait at once.</param>
    /// <returns>The run as last retrieved: in <c>requires_action</c> or a terminal status. The first poll is sent at once.</returns>
    /// <exception cref="ArgumentException">An id is not a valid id, or an option is out of range; nothing is sent.</exception>
    /// <exception cref="TimeoutException"><see cref="RunWaitOptions.Timeout"/> elapsed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<ThreadRun> WaitForRunAsync(
        this IRunsApi runs, string threadId, string runId, RunWaitOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        OpenAIClientContext.ValidateId(runId, nameof(runId));
        options = Validate(options, nameof(options));
        return RunWaiter.WaitAsync(runs, threadId, runId, current: null, options, cancellationToken);
    }

    /// <summary>Creates a run and polls it until it reaches <c>requires_action</c> or a terminal status.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The run to create.</param>
    /// <param name="waitOptions">The interval, deadline and clock, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the call and the wait at once.</param>
    /// <returns>The run in <c>requires_action</c> or a terminal status. When the created run already is, no poll is sent;
    /// otherwise the first poll follows the interval suggested by the create response, else the configured one.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is sent.</exception>
    /// <exception cref="TimeoutException"><see cref="RunWaitOptions.Timeout"/> elapsed first (it bounds the polling, not the create call).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<ThreadRun> CreateRunAndWaitAsync(
        this IRunsApi runs,
        string threadId,
        RunCreationOptions options,
        RunWaitOptions? waitOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ArgumentNullException.ThrowIfNull(options);
        waitOptions = Validate(waitOptions, nameof(waitOptions));
        return CreateRunAndWaitCoreAsync(runs, threadId, options, waitOptions, cancellationToken);
    }

    /// <summary>Creates a thread and a run on it, then polls the run until it reaches <c>requires_action</c> or a terminal status.</summary>
    /// <param name="threads">The threads API, which creates the thread and the run.</param>
    /// <param name="runs">The runs API, which polls the run.</param>
    /// <param name="options">The thread and run to create.</param>
    /// <param name="waitOptions">The interval, deadline and clock, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the call and the wait at once.</param>
    /// <returns>The run in <c>requires_action</c> or a terminal status; its <see cref="ThreadRun.ThreadId"/> is the new thread.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is sent.</exception>
    /// <exception cref="InvalidOperationException">The created run carries no thread id, so it cannot be polled.</exception>
    /// <exception cref="TimeoutException"><see cref="RunWaitOptions.Timeout"/> elapsed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<ThreadRun> CreateThreadAndRunAndWaitAsync(
        this IThreadsApi threads,
        IRunsApi runs,
        ThreadAndRunCreationOptions options,
        RunWaitOptions? waitOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threads);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(options);
        waitOptions = Validate(waitOptions, nameof(waitOptions));
        return CreateThreadAndRunAndWaitCoreAsync(threads, runs, options, waitOptions, cancellationToken);
    }

    /// <summary>Submits the outputs of the tool calls of a run in <c>requires_action</c>, then polls the run until it reaches
    /// <c>requires_action</c> again or a terminal status.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The tool outputs.</param>
    /// <param name="waitOptions">The interval, deadline and clock, or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the call and the wait at once.</param>
    /// <returns>The run in <c>requires_action</c> or a terminal status.</returns>
    /// <exception cref="ArgumentException">An argument is invalid; nothing is sent.</exception>
    /// <exception cref="TimeoutException"><see cref="RunWaitOptions.Timeout"/> elapsed first.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<ThreadRun> SubmitToolOutputsAndWaitAsync(
        this IRunsApi runs,
        string threadId,
        string runId,
        ToolOutputsSubmissionOptions options,
        RunWaitOptions? waitOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        OpenAIClientContext.ValidateId(runId, nameof(runId));
        ArgumentNullException.ThrowIfNull(options);
        waitOptions = Validate(waitOptions, nameof(waitOptions));
        return SubmitToolOutputsAndWaitCoreAsync(runs, threadId, runId, options, waitOptions, cancellationToken);
    }

    /// <summary>Returns <paramref name="options"/> validated, or the defaults.</summary>
    internal static RunWaitOptions Validate(RunWaitOptions? options, string parameterName)
    {
        if (options is null)
        {
            return DefaultOptions;
        }

        options.Validate(parameterName);
        return options;
    }

    // The …AndWait helpers run their first call inside the wait_for_run span too: one parent span per helper call.
    private static Task<ThreadRun> CreateRunAndWaitCoreAsync(
        IRunsApi runs, string threadId, RunCreationOptions options, RunWaitOptions waitOptions, CancellationToken cancellationToken) =>
        RunWaiter.TraceAsync(runs, threadId, async activity =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThreadRun run = RunWaiter.EnsureRun(
                await runs.CreateRunAsync(threadId, options, include: null, cancellationToken).ConfigureAwait(false), "Create-run");
            return await RunWaiter.PollAsync(runs, threadId, run.Id, run, waitOptions, activity, previousStatus: null, cancellationToken).ConfigureAwait(false);
        });

    private static Task<ThreadRun> CreateThreadAndRunAndWaitCoreAsync(
        IThreadsApi threads, IRunsApi runs, ThreadAndRunCreationOptions options, RunWaitOptions waitOptions, CancellationToken cancellationToken) =>
        RunWaiter.TraceAsync(runs, threadId: null, async activity =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThreadRun run = RunWaiter.EnsureRun(await threads.CreateThreadAndRunAsync(options, cancellationToken).ConfigureAwait(false), "Create-thread-and-run");
            if (!string.IsNullOrEmpty(run.ThreadId))
            {
                activity?.SetTag(Diagnostics.OpenAITelemetry.GenAiConversationId, run.ThreadId);
            }

            if (RunWaiter.StopsWaiting(run))
            {
                return run;
            }

            if (string.IsNullOrEmpty(run.ThreadId))
            {
                throw new InvalidOperationException($"Create-thread-and-run returned run '{run.Id}' without a thread_id, so it cannot be polled.");
            }

            return await RunWaiter.PollAsync(runs, run.ThreadId, run.Id, run, waitOptions, activity, previousStatus: null, cancellationToken).ConfigureAwait(false);
        });

    private static Task<ThreadRun> SubmitToolOutputsAndWaitCoreAsync(
        IRunsApi runs, string threadId, string runId, ToolOutputsSubmissionOptions options, RunWaitOptions waitOptions, CancellationToken cancellationToken) =>
        RunWaiter.TraceAsync(runs, threadId, async activity =>
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThreadRun run = RunWaiter.EnsureRun(
                await runs.SubmitToolOutputsToRunAsync(threadId, runId, options, cancellationToken).ConfigureAwait(false), "Submit-tool-outputs");
            return await RunWaiter.PollAsync(runs, threadId, runId, run, waitOptions, activity, RunStatus.RequiresAction, cancellationToken).ConfigureAwait(false);
        });
}
