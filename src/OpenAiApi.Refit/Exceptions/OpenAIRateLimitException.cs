namespace OpenAiApi.Refit;

/// <summary>The server answered 429 Too Many Requests: a rate limit or the quota was exceeded.</summary>
public class OpenAIRateLimitException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIRateLimitException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIRateLimitException(OpenAIErrorDetails details)
        : base(details)
    {
        RateLimits = details.RateLimits;
    }

    /// <summary>Gets the rate-limit state the 429 reported (<c>x-ratelimit-*</c>: limits, remaining, reset times), to decide how long
    /// to back off; <see cref="OpenAIRateLimits.None"/> when the server sent none.</summary>
    public OpenAIRateLimits RateLimits { get; }
}
