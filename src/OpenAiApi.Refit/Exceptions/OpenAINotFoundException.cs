namespace OpenAiApi.Refit;

/// <summary>The server answered 404 Not Found: the object does not exist (or is not visible to this key).</summary>
public class OpenAINotFoundException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAINotFoundException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAINotFoundException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
