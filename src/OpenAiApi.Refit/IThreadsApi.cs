using System.ComponentModel;
using OpenAiApi.Refit.Models;
using Refit;

namespace OpenAiApi.Refit;

/// <summary>The thread endpoints of the Assistants API v2 (<c>/threads</c>), including create-and-run.</summary>
[Headers("OpenAI-Beta: assistants=v2")]
public interface IThreadsApi
{
    /// <summary>Creates a thread, optionally with initial messages.</summary>
    /// <param name="options">The thread to create, or <see langword="null"/> for an empty thread.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The created thread.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createThread</c>: <c>POST /threads</c>.</remarks>
    [Post("/threads")]
    Task<AssistantThread> CreateThreadAsync([Body] ThreadCreationOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a thread and starts a run on it in one request.</summary>
    /// <param name="options">The assistant, the thread and the run options.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The run, usually <c>queued</c>.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createThreadAndRun</c>: <c>POST /threads/runs</c>. To stream the run, use the
    /// <c>CreateThreadAndRunStreamingAsync</c> extension.</remarks>
    [Post("/threads/runs")]
    Task<ThreadRun> CreateThreadAndRunAsync([Body] ThreadAndRunCreationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Sends create-thread-and-run with <c>stream: true</c> and returns the raw event-stream response.</summary>
    /// <param name="options">The options, with <c>stream</c> set.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The response, whose body is read incrementally.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt (an error status is returned, not thrown).</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createThreadAndRun</c>. The building block of <c>CreateThreadAndRunStreamingAsync</c>; prefer that.</remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [Post("/threads/runs")]
    [Headers("Accept: text/event-stream")]
    Task<HttpResponseMessage> CreateThreadAndRunStreamResponseAsync([Body] ThreadAndRunCreationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Retrieves a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The thread.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>getThread</c>: <c>GET /threads/{thread_id}</c>.</remarks>
    [Get("/threads/{threadId}")]
    Task<AssistantThread> GetThreadAsync(string threadId, CancellationToken cancellationToken = default);

    /// <summary>Modifies a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The fields to change.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The modified thread.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>modifyThread</c>: <c>POST /threads/{thread_id}</c>.</remarks>
    [Post("/threads/{threadId}")]
    Task<AssistantThread> ModifyThreadAsync(string threadId, [Body] ThreadModificationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Deletes a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The deletion status.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>deleteThread</c>: <c>DELETE /threads/{thread_id}</c>.</remarks>
    [Delete("/threads/{threadId}")]
    Task<DeletionResult> DeleteThreadAsync(string threadId, CancellationToken cancellationToken = default);
}
