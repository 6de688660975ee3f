namespace OpenAiApi.Refit;

/// <summary>The server answered a 5xx status: the server failed (retried by default).</summary>
public class OpenAIInternalServerException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIInternalServerException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIInternalServerException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
