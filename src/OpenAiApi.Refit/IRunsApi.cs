using System.ComponentModel;
using OpenAiApi.Refit.Models;
using Refit;

namespace OpenAiApi.Refit;

/// <summary>The run and run-step endpoints of the Assistants API v2 (<c>/threads/{thread_id}/runs</c>).</summary>
[Headers("OpenAI-Beta: assistants=v2")]
public interface IRunsApi
{
    /// <summary>Returns a page of the runs of a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">Paging options, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>One page of runs.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>listRuns</c>: <c>GET /threads/{thread_id}/runs</c>.</remarks>
    [Get("/threads/{threadId}/runs")]
    Task<CursorPage<ThreadRun>> ListRunsAsync(string threadId, [Query] RunCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a run on a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The run to create.</param>
    /// <param name="include">Additional fields to include in the run steps (<c>include[]</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run, usually <c>queued</c>.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createRun</c>: <c>POST /threads/{thread_id}/runs</c>. To stream the run, use the
    /// <c>CreateRunStreamingAsync</c> extension.</remarks>
    [Post("/threads/{threadId}/runs")]
    Task<ThreadRun> CreateRunAsync(
        string threadId,
        [Body] RunCreationOptions options,
        [Query(CollectionFormat.Multi)][AliasAs("include[]")] IEnumerable<RunStepInclude>? include = null,
        CancellationToken cancellationToken = default);

    /// <summary>Sends create-run with <c>stream: true</c> and returns the raw event-stream response.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The options, with <c>stream</c> set.</param>
    /// <param name="include">Additional fields to include in the run steps (<c>include[]</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The response, whose body is read incrementally.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt (an error status is returned, not thrown).</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createRun</c>. The building block of <c>CreateRunStreamingAsync</c>; prefer that.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Post("/threads/{threadId}/runs")]
    [Headers("Accept: text/event-stream")]
    Task<HttpResponseMessage> CreateRunStreamResponseAsync(
        string threadId,
        [Body] RunCreationOptions options,
        [Query(CollectionFormat.Multi)][AliasAs("include[]")] IEnumerable<RunStepInclude>? include = null,
        CancellationToken cancellationToken = default);

    /// <summary>Retrieves a run.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>getRun</c>: <c>GET /threads/{thread_id}/runs/{run_id}</c>.</remarks>
    [Get("/threads/{threadId}/runs/{runId}")]
    Task<ThreadRun> GetRunAsync(string threadId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Modifies a run (its metadata).</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The fields to change.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The modified run.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>modifyRun</c>: <c>POST /threads/{thread_id}/runs/{run_id}</c>.</remarks>
    [Post("/threads/{threadId}/runs/{runId}")]
    Task<ThreadRun> ModifyRunAsync(string threadId, string runId, [Body] RunModificationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Cancels a run that is <c>in_progress</c>.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run, usually <c>cancelling</c>.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>cancelRun</c>: <c>POST /threads/{thread_id}/runs/{run_id}/cancel</c>.</remarks>
    [Post("/threads/{threadId}/runs/{runId}/cancel")]
    Task<ThreadRun> CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken = default);

    /// <summary>Submits the outputs of the tool calls of a run in <c>requires_action</c>; all outputs in one request.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The tool outputs.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run, which continues.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>submitToolOuputsToRun</c> (sic): <c>POST /threads/{thread_id}/runs/{run_id}/submit_tool_outputs</c>.</remarks>
    [Post("/threads/{threadId}/runs/{runId}/submit_tool_outputs")]
    Task<ThreadRun> SubmitToolOutputsToRunAsync(string threadId, string runId, [Body] ToolOutputsSubmissionOptions options, CancellationToken cancellationToken = default);

    /// <summary>Submits tool outputs with <c>stream: true</c> and returns the raw event-stream response.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The tool outputs, with <c>stream</c> set.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The response, whose body is read incrementally.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt (an error status is returned, not thrown).</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>submitToolOuputsToRun</c>. The building block of <c>SubmitToolOutputsToRunStreamingAsync</c>; prefer that.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Post("/threads/{threadId}/runs/{runId}/submit_tool_outputs")]
    [Headers("Accept: text/event-stream")]
    Task<HttpResponseMessage> SubmitToolOutputsToRunStreamResponseAsync(string threadId, string runId, [Body] ToolOutputsSubmissionOptions options, CancellationToken cancellationToken = default);

    /// <summary>Returns a page of the steps of a run.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">Paging options, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="include">Additional fields to include (<c>include[]</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>One page of run steps.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>listRunSteps</c>: <c>GET /threads/{thread_id}/runs/{run_id}/steps</c>.</remarks>
    [Get("/threads/{threadId}/runs/{runId}/steps")]
    Task<CursorPage<RunStep>> ListRunStepsAsync(
        string threadId,
        string runId,
        [Query] RunStepCollectionOptions? options = null,
        [Query(CollectionFormat.Multi)][AliasAs("include[]")] IEnumerable<RunStepInclude>? include = null,
        CancellationToken cancellationToken = default);

    /// <summary>Retrieves a run step.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="stepId">The id of the step.</param>
    /// <param name="include">Additional fields to include (<c>include[]</c>), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run step.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>getRunStep</c>: <c>GET /threads/{thread_id}/runs/{run_id}/steps/{step_id}</c>.</remarks>
    [Get("/threads/{threadId}/runs/{runId}/steps/{stepId}")]
    Task<RunStep> GetRunStepAsync(
        string threadId,
        string runId,
        string stepId,
        [Query(CollectionFormat.Multi)][AliasAs("include[]")] IEnumerable<RunStepInclude>? include = null,
        CancellationToken cancellationToken = default);
}
