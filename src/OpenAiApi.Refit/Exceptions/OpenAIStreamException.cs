namespace OpenAiApi.Refit;

/// <summary>
/// A run stream failed after it started: the server sent an <c>error</c> event, the connection was cut, an event could not be
/// parsed, or the stream ended before a terminal event. The POST is never re-sent; poll the run (<see cref="RunId"/>) to learn
/// how it ended.
/// </summary>
public sealed class OpenAIStreamException : OpenAIException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIStreamException"/> class.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <param name="requestId">The <c>x-request-id</c> of the stream response, if any.</param>
    public OpenAIStreamException(string message, Exception? innerException = null, string? requestId = null)
        : base(message, innerException, requestId)
    {
    }

    /// <summary>Gets the name of the event being processed, if any.</summary>
    public string? EventName { get; init; }

    /// <summary>Gets the id of the thread of the run, when the stream had told it.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the id of the last run the stream reported, so the caller can poll it.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the error <c>type</c> of an <c>error</c> event.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the error <c>code</c> of an <c>error</c> event.</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the error <c>message</c> of an <c>error</c> event.</summary>
    public string? ErrorMessage { get; init; }
}
