using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Pipeline;

namespace OpenAiApi.Refit;

/// <summary>The polling loop behind <see cref="RunPollingExtensions"/> and the function-tool loop.</summary>
internal static class RunWaiter
{
    /// <summary>The longest time a best-effort cancel request may take, on the real clock: it bounds a network call, not a modelled wait.</summary>
    internal static readonly TimeSpan CancelRequestTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Gets a value indicating whether polling stops at <paramref name="run"/>: a terminal status or <c>requires_action</c>.
    /// A missing or unknown status keeps the poll going.</summary>
    public static bool StopsWaiting(ThreadRun run) =>
        run.Status is { } status && (status.IsTerminal || status == RunStatus.RequiresAction);

    /// <summary>Throws unless <paramref name="run"/> is a run with an id, as every run the server returns must be.</summary>
    public static ThreadRun EnsureRun(ThreadRun? run, string operation)
    {
        if (run is null)
        {
            throw new InvalidOperationException($"{operation} returned no run.");
        }

        if (string.IsNullOrEmpty(run.Id))
        {
            throw new InvalidOperationException($"{operation} returned a run without an id.");
        }

        return run;
    }

    /// <summary>Polls the run until it stops waiting (see <see cref="StopsWaiting"/>), the deadline of
    /// <paramref name="options"/> passes (<see cref="TimeoutException"/>) or <paramref name="cancellationToken"/> is cancelled, inside a
    /// <c>wait_for_run</c> span (see <see cref="TraceAsync"/>).</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="current">The run as last seen (from create or submit), to wait after before the first poll; <see langword="null"/> to poll at once.</param>
    /// <param name="options">The validated options.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <param name="previousStatus">The status the caller saw before <paramref name="current"/>, so that only changes are logged.</param>
    public static Task<ThreadRun> WaitAsync(
        IRunsApi runs, string threadId, string runId, ThreadRun? current, RunWaitOptions options, CancellationToken cancellationToken,
        RunStatus? previousStatus = null) =>
        TraceAsync(runs, threadId, activity => PollAsync(runs, threadId, runId, current, options, activity, previousStatus, cancellationToken));

    /// <summary>Runs <paramref name="wait"/> (which ends with the run as last seen) inside an internal <c>wait_for_run</c> span, the
    /// parent of its requests; tags the span with the run (id, status, assistant, model, usage) and records the token usage of a run
    /// that has ended. An exception marks the span failed (<c>error.type</c>) and propagates.</summary>
    public static async Task<ThreadRun> TraceAsync(IRunsApi runs, string? threadId, Func<Activity?, Task<ThreadRun>> wait)
    {
        OpenAIClientContext context = OpenAIClientContext.For(runs);
        using Activity? activity = OpenAITelemetry.StartHelperActivity(
            OpenAITelemetry.WaitForRunOperation, OpenAITelemetry.WaitForRunOperation, context.Provider);
        if (threadId is not null)
        {
            activity?.SetTag(OpenAITelemetry.GenAiConversationId, threadId);
        }

        try
        {
            ThreadRun run = await wait(activity).ConfigureAwait(false);
            OpenAITelemetry.TagRun(activity, run);
            OpenAITelemetry.RecordTokenUsage(run, context.Provider);
            return run;
        }
        catch (Exception ex)
        {
            OpenAITelemetry.SetError(activity, ex);
            throw;
        }
    }

    /// <summary>Logs <see cref="OpenAILog.RunStatusChanged"/> when <paramref name="run"/>'s status differs from <paramref name="previous"/>.</summary>
    /// <returns>The status of <paramref name="run"/>, the next call's <paramref name="previous"/>.</returns>
    public static RunStatus? LogStatusChange(ILogger logger, string threadId, ThreadRun run, RunStatus? previous)
    {
        RunStatus? status = run.Status;
        if (status != previous && logger.IsEnabled(LogLevel.Information))
        {
            string from = previous?.ToString() ?? "(none)";
            string to = status?.ToString() ?? "(none)";
            OpenAILog.RunStatusChanged(logger, run.Id, threadId, from, to);
        }

        return status;
    }

    /// <summary>The polling loop of <see cref="WaitAsync"/>, without a span of its own.</summary>
    public static async Task<ThreadRun> PollAsync(
        IRunsApi runs, string threadId, string runId, ThreadRun? current, RunWaitOptions options, Activity? activity, RunStatus? previousStatus,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ILogger logger = OpenAIClientContext.For(runs).RunsLogger;
        activity?.SetTag(OpenAITelemetry.OpenAIRunId, runId);
        if (current is not null)
        {
            previousStatus = LogStatusChange(logger, threadId, current, previousStatus);
            if (StopsWaiting(current))
            {
                return current;
            }
        }

        TimeProvider time = options.TimeProvider ?? OpenAIClientContext.For(runs).TimeProvider;
        TimeSpan interval = options.PollInterval;
        TimeSpan? timeout = options.Timeout;
        bool cancelOnTimeout = options.CancelRunOnTimeout;
        bool cancelOnCancellation = options.CancelRunOnCancellation;

        using CancellationTokenSource? deadline = timeout is { } limit ? new CancellationTokenSource(limit, time) : null;
        using CancellationTokenSource? linked = deadline is null ? null : CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        CancellationToken token = linked?.Token ?? cancellationToken;
        ThreadRun? last = current;
        int polls = 0;
        try
        {
            while (true)
            {
                if (last is not null)
                {
                    await Task.Delay(last.SuggestedPollInterval ?? interval, time, token).ConfigureAwait(false);
                }

                token.ThrowIfCancellationRequested();
                polls++;
                activity?.SetTag(OpenAITelemetry.OpenAIRunPolls, polls);
                last = EnsureRun(await runs.GetRunAsync(threadId, runId, token).ConfigureAwait(false), "Get-run");
                previousStatus = LogStatusChange(logger, threadId, last, previousStatus);
                if (StopsWaiting(last))
                {
                    return last;
                }
            }
        }
        catch (OperationCanceledException ex) when (deadline is { IsCancellationRequested: true } && !cancellationToken.IsCancellationRequested)
        {
            string outcome = cancelOnTimeout
                ? " " + await TryCancelRunAsync(runs, threadId, runId).ConfigureAwait(false)
                : string.Empty;
            throw new TimeoutException(
                $"Run '{runId}' of thread '{threadId}' did not reach requires_action or a terminal status within {timeout}" +
                $" (last status: {last?.Status?.ToString() ?? "unknown"}).{outcome}",
                ex);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && cancelOnCancellation)
        {
            await TryCancelRunAsync(runs, threadId, runId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends cancel-run, bounded by <see cref="CancelRequestTimeout"/> and independent of the caller's (cancelled) token;
    /// never throws.</summary>
    /// <returns>A sentence saying what happened, for an exception message.</returns>
    public static async Task<string> TryCancelRunAsync(IRunsApi runs, string threadId, string runId)
    {
        using var bound = new CancellationTokenSource(CancelRequestTimeout);
        try
        {
            ThreadRun? cancelled = await runs.CancelRunAsync(threadId, runId, bound.Token).ConfigureAwait(false);
            return $"The run was asked to cancel (status: {cancelled?.Status?.ToString() ?? "unknown"}).";
        }
#pragma warning disable CA1031 // Best effort: the original timeout or cancellation is what the caller must see.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return $"Cancelling the run failed: {ex.GetType().Name}: {ex.Message}";
        }
    }
}
