using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit;

/// <content>The streaming form of the function-tool loop.</content>
public static partial class FunctionToolExtensions
{
    /// <summary>Creates a run with streaming and drives it to its end: each <c>thread.run.requires_action</c> is answered with
    /// <paramref name="tools"/> and the outputs are submitted with streaming, and the events of every round are yielded.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The run to create; not changed (<c>stream: true</c> is set on a copy).</param>
    /// <param name="tools">The functions the run may call.</param>
    /// <param name="completionOptions">Rounds and tool-call timeouts, or <see langword="null"/> for the defaults. Of its
    /// <see cref="RunCompletionOptions.PollOptions"/> only <see cref="RunWaitOptions.TimeProvider"/> (which times the tool calls) and
    /// <see cref="RunWaitOptions.CancelRunOnCancellation"/> apply: a stream is not polled.</param>
    /// <param name="streamOptions">Stream settings (idle timeout), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the streams and the functions.</param>
    /// <returns>The events of all rounds in order. The <c>done</c> event of a round that ends in <c>requires_action</c> is not
    /// yielded (the loop goes on); the last event is the final round's <c>done</c>, after the run's terminal event.</returns>
    /// <exception cref="ArgumentException">An argument is invalid (thrown at once, before anything is sent).</exception>
    /// <exception cref="InvalidOperationException">The round limit was exceeded, or the run requires an action the loop cannot answer.</exception>
    /// <exception cref="OpenAIStreamException">A stream failed (see <see cref="RunStreamingExtensions"/>).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IAsyncEnumerable<RunStreamEvent> RunToCompletionStreamingAsync(
        this IRunsApi runs,
        string threadId,
        RunCreationOptions options,
        FunctionToolSet tools,
        RunCompletionOptions? completionOptions = null,
        RunStreamOptions? streamOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tools);
        completionOptions = Validate(completionOptions, nameof(completionOptions));

        // Validates the body and the stream options now, and sends nothing until the enumeration starts.
        IAsyncEnumerable<RunStreamEvent> first = runs.CreateRunStreamingAsync(threadId, options, include: null, streamOptions, cancellationToken);
        return StreamToCompletionAsync(runs, threadId, first, pending: null, tools, completionOptions, streamOptions, cancellationToken);
    }

    /// <summary>Answers the tool calls of a run in <c>requires_action</c> with <paramref name="tools"/>, submits the outputs with
    /// streaming, and goes on round after round until the run ends, yielding the events of every round.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="run">The run in <c>requires_action</c> (from a <c>thread.run.requires_action</c> event or a poll); it needs its
    /// <see cref="ThreadRun.Id"/> and <see cref="ThreadRun.ThreadId"/>.</param>
    /// <param name="tools">The functions the run may call.</param>
    /// <param name="completionOptions">Rounds and tool-call timeouts, or <see langword="null"/> for the defaults (see the other overload).</param>
    /// <param name="streamOptions">Stream settings (idle timeout), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token that stops the streams and the functions.</param>
    /// <returns>The events of all rounds in order, as for the other overload.</returns>
    /// <exception cref="ArgumentException">An argument is invalid, or <paramref name="run"/> is not in <c>requires_action</c>
    /// (thrown at once, before anything is sent).</exception>
    /// <exception cref="InvalidOperationException">The round limit was exceeded, or the run requires an action the loop cannot answer.</exception>
    /// <exception cref="OpenAIStreamException">A stream failed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IAsyncEnumerable<RunStreamEvent> RunToCompletionStreamingAsync(
        this IRunsApi runs,
        ThreadRun run,
        FunctionToolSet tools,
        RunCompletionOptions? completionOptions = null,
        RunStreamOptions? streamOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(run);
        OpenAIClientContext.ValidateId(run.Id, "run.Id");
        OpenAIClientContext.ValidateId(run.ThreadId, "run.ThreadId");
        if (run.Status != RunStatus.RequiresAction)
        {
            throw new ArgumentException($"Run '{run.Id}' is '{run.Status}', not requires_action: there is nothing to answer.", nameof(run));
        }

        ArgumentNullException.ThrowIfNull(tools);
        completionOptions = Validate(completionOptions, nameof(completionOptions));
        streamOptions?.Validate(nameof(streamOptions));
        return StreamToCompletionAsync(runs, run.ThreadId, stream: null, pending: run, tools, completionOptions, streamOptions, cancellationToken);
    }

    /// <summary>The loop: read a stream to its end (remembering the last run event), answer <c>requires_action</c>, read the next.</summary>
    private static async IAsyncEnumerable<RunStreamEvent> StreamToCompletionAsync(
        IRunsApi runs,
        string threadId,
        IAsyncEnumerable<RunStreamEvent>? stream,
        ThreadRun? pending,
        FunctionToolSet tools,
        RunCompletionOptions options,
        RunStreamOptions? streamOptions,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        RunWaitOptions pollOptions = options.PollOptions ?? new RunWaitOptions();
        OpenAIClientContext context = OpenAIClientContext.For(runs);
        ILogger logger = context.RunsLogger;
        RunStatus? seen = pending?.Status;
        string? runId = pending?.Id;
        int rounds = 0;
        while (true)
        {
            if (stream is not null)
            {
                ThreadRun? last = null;
                await using IAsyncEnumerator<RunStreamEvent> events = stream.GetAsyncEnumerator(cancellationToken);
                while (await MoveNextAsync(events, runs, threadId, runId, pollOptions, cancellationToken).ConfigureAwait(false))
                {
                    RunStreamEvent current = events.Current;
                    if (current is RunStatusStreamEvent { Run: { } run })
                    {
                        last = run;
                        runId = string.IsNullOrEmpty(run.Id) ? runId : run.Id;
                        seen = RunWaiter.LogStatusChange(logger, threadId, run, seen);
                    }

                    if (current is DoneStreamEvent && last?.Status == RunStatus.RequiresAction)
                    {
                        continue; // the loop goes on: one done, at the very end
                    }

                    yield return current;
                }

                if (last is null || last.Status != RunStatus.RequiresAction)
                {
                    if (last is not null)
                    {
                        OpenAITelemetry.RecordTokenUsage(last, context.Provider);
                    }

                    yield break;
                }

                pending = last;
            }

            ThreadRun toAnswer = pending!;
            IReadOnlyList<RunToolCall> calls = FunctionToolInvoker.GetToolCalls(toAnswer);
            if (rounds >= options.MaxRounds)
            {
                throw RoundLimitExceeded(threadId, toAnswer.Id, options.MaxRounds);
            }

            rounds++;
            List<ToolOutput> outputs = await InvokeForStreamAsync(runs, threadId, toAnswer.Id, calls, tools, options, pollOptions, cancellationToken)
                .ConfigureAwait(false);
            stream = runs.SubmitToolOutputsToRunStreamingAsync(
                threadId, toAnswer.Id, new ToolOutputsSubmissionOptions(outputs), streamOptions, cancellationToken);
        }
    }

    /// <summary>Moves to the next event; on the caller's cancellation, cancels the run first if asked to.</summary>
    private static async ValueTask<bool> MoveNextAsync(
        IAsyncEnumerator<RunStreamEvent> events, IRunsApi runs, string threadId, string? runId, RunWaitOptions pollOptions, CancellationToken cancellationToken)
    {
        try
        {
            return await events.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && pollOptions.CancelRunOnCancellation && runId is not null)
        {
            await RunWaiter.TryCancelRunAsync(runs, threadId, runId).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Calls the functions; on the caller's cancellation, cancels the run first if asked to.</summary>
    private static async Task<List<ToolOutput>> InvokeForStreamAsync(
        IRunsApi runs, string threadId, string runId, IReadOnlyList<RunToolCall> calls, FunctionToolSet tools,
        RunCompletionOptions options, RunWaitOptions pollOptions, CancellationToken cancellationToken)
    {
        try
        {
            List<ToolOutput> outputs = await FunctionToolInvoker.InvokeAllAsync(
                tools, calls, options, pollOptions.TimeProvider ?? OpenAIClientContext.For(runs).TimeProvider, OpenAIClientContext.For(runs), runId, cancellationToken).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            return outputs;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && pollOptions.CancelRunOnCancellation)
        {
            await RunWaiter.TryCancelRunAsync(runs, threadId, runId).ConfigureAwait(false);
            throw;
        }
    }
}
