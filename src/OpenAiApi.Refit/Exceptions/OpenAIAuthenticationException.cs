namespace OpenAiApi.Refit;

/// <summary>The server answered 401 Unauthorized: the API key is missing, invalid or revoked.</summary>
public class OpenAIAuthenticationException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIAuthenticationException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIAuthenticationException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
