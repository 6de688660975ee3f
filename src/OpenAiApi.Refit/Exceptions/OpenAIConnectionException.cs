namespace OpenAiApi.Refit;

/// <summary>No usable response arrived: the connection failed (refused, reset, DNS, TLS) on every attempt.</summary>
public class OpenAIConnectionException : OpenAIException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIConnectionException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The transport error.</param>
    public OpenAIConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
