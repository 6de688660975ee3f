namespace OpenAiApi.Refit.Exceptions;

/// <summary>The server answered 429 Too Many Requests: a rate limit or the quota was exceeded.</summary>
public class OpenAIRateLimitException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIRateLimitException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIRateLimitException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
