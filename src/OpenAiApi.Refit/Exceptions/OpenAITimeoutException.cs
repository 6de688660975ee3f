namespace OpenAiApi.Refit;

/// <summary>The server did not answer within <see cref="OpenAIAssistantsClientOptions.AttemptTimeout"/> on any attempt,
/// or a stream sent no event for <see cref="OpenAIAssistantsClientOptions.StreamIdleTimeout"/>.</summary>
public class OpenAITimeoutException : OpenAIConnectionException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAITimeoutException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The underlying timeout.</param>
    public OpenAITimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the thread of the run whose event stream stalled, once the stream had named it; otherwise <see langword="null"/>.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the run whose event stream stalled, once the stream had named it (get the run to learn how it ended: the
    /// streaming POST is never re-sent); <see langword="null"/> for a request that timed out.</summary>
    public string? RunId { get; init; }
}
