namespace OpenAiApi.Refit;

/// <summary>The server answered 409 Conflict: the resource was changed concurrently (retried by default).</summary>
public class OpenAIConflictException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIConflictException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIConflictException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
