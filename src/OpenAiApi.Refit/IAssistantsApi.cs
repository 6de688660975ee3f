using OpenAiApi.Refit.Models;
using Refit;

namespace OpenAiApi.Refit;

/// <summary>The assistants endpoints of the Assistants API v2 (<c>/assistants</c>).</summary>
/// <remarks>Register with <c>services.AddOpenAIAssistants(...)</c> and inject; every method validates its arguments before a request is sent
/// and reports server errors as <see cref="OpenAIApiException"/> subclasses.</remarks>
[Headers("OpenAI-Beta: assistants=v2")]
public interface IAssistantsApi
{
    /// <summary>Returns a page of assistants.</summary>
    /// <param name="options">Paging options (<c>limit</c>, <c>order</c>, <c>after</c>, <c>before</c>), or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>One page of assistants.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>listAssistants</c>: <c>GET /assistants</c>.</remarks>
    [Get("/assistants")]
    Task<CursorPage<Assistant>> ListAssistantsAsync([Query] AssistantCollectionOptions? options = null, CancellationToken cancellationToken = default);

    /// <summary>Creates an assistant with a model and instructions.</summary>
    /// <param name="options">The assistant to create.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The created assistant.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>createAssistant</c>: <c>POST /assistants</c>.</remarks>
    [Post("/assistants")]
    Task<Assistant> CreateAssistantAsync([Body] AssistantCreationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Retrieves an assistant.</summary>
    /// <param name="assistantId">The id of the assistant.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The assistant.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>getAssistant</c>: <c>GET /assistants/{assistant_id}</c>.</remarks>
    [Get("/assistants/{assistantId}")]
    Task<Assistant> GetAssistantAsync(string assistantId, CancellationToken cancellationToken = default);

    /// <summary>Modifies an assistant.</summary>
    /// <param name="assistantId">The id of the assistant.</param>
    /// <param name="options">The fields to change.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The modified assistant.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>modifyAssistant</c>: <c>POST /assistants/{assistant_id}</c>.</remarks>
    [Post("/assistants/{assistantId}")]
    Task<Assistant> ModifyAssistantAsync(string assistantId, [Body] AssistantModificationOptions options, CancellationToken cancellationToken = default);

    /// <summary>Deletes an assistant.</summary>
    /// <param name="assistantId">The id of the assistant.</param>
    /// <param name="cancellationToken">A token to cancel the request.</param>
    /// <returns>The deletion status.</returns>
    /// <exception cref="ArgumentException">An argument is missing or invalid (thrown before anything is sent).</exception>
    /// <exception cref="OpenAIApiException">The server answered with an error, after the client's retries: a subtype per status (<see cref="OpenAINotFoundException"/>, <see cref="OpenAIRateLimitException"/>…).</exception>
    /// <exception cref="OpenAIConnectionException">The server could not be reached, on any attempt.</exception>
    /// <exception cref="OpenAITimeoutException">No attempt answered within the attempt timeout.</exception>
    /// <exception cref="OpenAIResponseValidationException">A success response whose body is not the expected JSON.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    /// <remarks>operationId <c>deleteAssistant</c>: <c>DELETE /assistants/{assistant_id}</c>.</remarks>
    [Delete("/assistants/{assistantId}")]
    Task<DeletionResult> DeleteAssistantAsync(string assistantId, CancellationToken cancellationToken = default);
}
