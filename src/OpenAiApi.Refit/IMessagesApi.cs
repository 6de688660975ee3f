using OpenAiApi.Refit.Models;
using Refit;

namespace OpenAiApi.Refit;

/// <summary>The message endpoints of the Assistants API v2 (<c>/threads/{thread_id}/messages</c>).</summary>
[Headers("OpenAI-Beta: assistants=v2")]
public interface IMessagesApi
{
    /// <summary>Returns a page of the messages of a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">Paging options and the <c>run_id</c> filter, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>One page of messages.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>listMessages</c>: <c>GET /threads/{thread_id}/messages</c>.</remarks>
    [Get("/threads/{threadId}/messages")]
    Task<CursorPage<ThreadMessage>> ListMessagesAsync(string threadId, [Query] MessageCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates a message on a thread.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The message to create.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The created message.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createMessage</c>: <c>POST /threads/{thread_id}/messages</c>.</remarks>
    [Post("/threads/{threadId}/messages")]
    Task<ThreadMessage> CreateMessageAsync(string threadId, [Body] MessageCreationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Retrieves a message.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="messageId">The id of the message.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The message.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>getMessage</c>: <c>GET /threads/{thread_id}/messages/{message_id}</c>.</remarks>
    [Get("/threads/{threadId}/messages/{messageId}")]
    Task<ThreadMessage> GetMessageAsync(string threadId, string messageId, CancellationToken cancellationToken = default);

    /// <summary>Modifies a message (its metadata).</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="messageId">The id of the message.</param>
    /// <param name="options">The fields to change.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The modified message.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>modifyMessage</c>: <c>POST /threads/{thread_id}/messages/{message_id}</c>.</remarks>
    [Post("/threads/{threadId}/messages/{messageId}")]
    Task<ThreadMessage> ModifyMessageAsync(string threadId, string messageId, [Body] MessageModificationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Deletes a message.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="messageId">The id of the message.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The deletion status.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>deleteMessage</c>: <c>DELETE /threads/{thread_id}/messages/{message_id}</c>.</remarks>
    [Delete("/threads/{threadId}/messages/{messageId}")]
    Task<DeletionResult> DeleteMessageAsync(string threadId, string messageId, CancellationToken cancellationToken = default);
}
