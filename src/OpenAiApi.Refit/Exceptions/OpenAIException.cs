namespace OpenAiApi.Refit;

/// <summary>The base of every exception this library throws for a failed call (argument errors and cancellation aside).</summary>
public abstract class OpenAIException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="requestId">The server's <c>x-request-id</c>, if a response arrived.</param>
    protected OpenAIException(string message, Exception? innerException = null, string? requestId = null)
        : base(message, innerException)
    {
        RequestId = requestId;
    }

    /// <summary>Gets the server's <c>x-request-id</c> for the failed request, when a response arrived; quote it to the server's operator.</summary>
    public string? RequestId { get; }
}
