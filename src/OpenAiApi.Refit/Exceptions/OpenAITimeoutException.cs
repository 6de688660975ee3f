namespace OpenAiApi.Refit.Exceptions;

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
}
