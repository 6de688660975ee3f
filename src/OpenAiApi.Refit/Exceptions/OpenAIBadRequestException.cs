namespace OpenAiApi.Refit;

/// <summary>The server answered 400 Bad Request: the request was malformed or invalid.</summary>
public class OpenAIBadRequestException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIBadRequestException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIBadRequestException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
