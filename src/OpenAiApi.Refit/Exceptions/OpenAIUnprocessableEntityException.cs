namespace OpenAiApi.Refit;

/// <summary>The server answered 422 Unprocessable Entity: the request was well-formed but could not be processed.</summary>
public class OpenAIUnprocessableEntityException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIUnprocessableEntityException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIUnprocessableEntityException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
