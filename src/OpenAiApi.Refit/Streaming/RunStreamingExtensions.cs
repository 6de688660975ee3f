using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit;

/// <summary>
/// Streams a run as typed events: create a run, create a thread and run it, or submit tool outputs, with <c>stream: true</c>, and
/// read the server-sent events as they arrive. Built on the interface methods only, so a mock of <see cref="IRunsApi"/> or
/// <see cref="IThreadsApi"/> drives them too.
/// </summary>
/// <remarks>
/// <para>The request is sent when the enumeration starts, once. A non-2xx answer throws the same typed exceptions as the other calls
/// (after the client's retries, which stop at the first byte of the stream). Once the stream has started nothing is re-sent: an
/// <c>error</c> event, a malformed event, a cut connection or an end before a terminal event throw
/// <see cref="OpenAIStreamException"/> with the last run id, so the caller can get the run; no event for
/// <see cref="RunStreamOptions.IdleTimeout"/> (default 90 s) throws <see cref="OpenAITimeoutException"/>. Events the library
/// does not know arrive as <see cref="UnknownRunStreamEvent"/> and the stream goes on; <c>done</c> is the last event yielded.</para>
/// <para>Each enumeration sends the request again (and so starts another run): enumerate the result once.</para>
/// <para>Stopping the enumeration early (<c>break</c>, an exception, the token) disposes the response, which closes the connection.</para>
/// <para>Feed the events to a <see cref="RunStreamAccumulator"/> to get whole messages, run steps and tool calls.</para>
/// </remarks>
public static class RunStreamingExtensions
{
    /// <summary>Creates a run on a thread and streams its events.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The run to create; it is not changed (<c>stream: true</c> is set on a copy).</param>
    /// <param name="include">Additional fields to include in the run steps (<c>include[]</c>), or <see langword="null"/>.</param>
    /// <param name="streamOptions">Stream settings (idle timeout), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to stop the stream; it surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The events of the run, in the order the server sent them; the request is sent when the enumeration starts.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown at once, before anything is sent).</exception>
    /// <remarks>operationId <c>createRun</c> with <c>stream: true</c>: <c>POST /threads/{thread_id}/runs</c>.</remarks>
    public static IAsyncEnumerable<RunStreamEvent> CreateRunStreamingAsync(
        this IRunsApi runs,
        string threadId,
        RunCreationOptions options,
        IEnumerable<RunStepInclude>? include = null,
        RunStreamOptions? streamOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ArgumentNullException.ThrowIfNull(options);
        OpenAIClientContext.ValidateBody(options);
        streamOptions?.Validate(nameof(streamOptions));

        RunCreationOptions body = options.CloneForStreaming();
        return RunStreamReader.ReadAsync(
            OpenAIClientContext.For(runs),
            ct => runs.CreateRunStreamResponseAsync(threadId, body, include, ct),
            threadId,
            null,
            streamOptions,
            cancellationToken);
    }

    /// <summary>Creates a thread, starts a run on it and streams the events (the first is usually <c>thread.created</c>).</summary>
    /// <param name="threads">The threads API.</param>
    /// <param name="options">The assistant, the thread and the run options; not changed (<c>stream: true</c> is set on a copy).</param>
    /// <param name="streamOptions">Stream settings (idle timeout), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to stop the stream; it surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The events of the thread and the run, in the order the server sent them; the request is sent when the enumeration starts.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown at once, before anything is sent).</exception>
    /// <remarks>operationId <c>createThreadAndRun</c> with <c>stream: true</c>: <c>POST /threads/runs</c>.</remarks>
    public static IAsyncEnumerable<RunStreamEvent> CreateThreadAndRunStreamingAsync(
        this IThreadsApi threads,
        ThreadAndRunCreationOptions options,
        RunStreamOptions? streamOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(threads);
        ArgumentNullException.ThrowIfNull(options);
        OpenAIClientContext.ValidateBody(options);
        streamOptions?.Validate(nameof(streamOptions));

        ThreadAndRunCreationOptions body = options.CloneForStreaming();
        return RunStreamReader.ReadAsync(
            OpenAIClientContext.For(threads),
            ct => threads.CreateThreadAndRunStreamResponseAsync(body, ct),
            null,
            null,
            streamOptions,
            cancellationToken);
    }

    /// <summary>Submits the outputs of the tool calls of a run in <c>requires_action</c> and streams the events of the run as it goes on.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The tool outputs; not changed (<c>stream: true</c> is set on a copy).</param>
    /// <param name="streamOptions">Stream settings (idle timeout), or <see langword="null"/> for the defaults.</param>
    /// <param name="cancellationToken">A token to stop the stream; it surfaces as <see cref="OperationCanceledException"/>.</param>
    /// <returns>The events of the run, in the order the server sent them; the request is sent when the enumeration starts.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown at once, before anything is sent).</exception>
    /// <remarks>operationId <c>submitToolOuputsToRun</c> (sic) with <c>stream: true</c>:
    /// <c>POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs</c>.</remarks>
    public static IAsyncEnumerable<RunStreamEvent> SubmitToolOutputsToRunStreamingAsync(
        this IRunsApi runs,
        string threadId,
        string runId,
        ToolOutputsSubmissionOptions options,
        RunStreamOptions? streamOptions = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        OpenAIClientContext.ValidateId(runId, nameof(runId));
        ArgumentNullException.ThrowIfNull(options);
        OpenAIClientContext.ValidateBody(options);
        streamOptions?.Validate(nameof(streamOptions));

        ToolOutputsSubmissionOptions body = options.CloneForStreaming();
        return RunStreamReader.ReadAsync(
            OpenAIClientContext.For(runs),
            ct => runs.SubmitToolOutputsToRunStreamResponseAsync(threadId, runId, body, ct),
            threadId,
            runId,
            streamOptions,
            cancellationToken);
    }
}
