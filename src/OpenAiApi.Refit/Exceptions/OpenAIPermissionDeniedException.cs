namespace OpenAiApi.Refit;

/// <summary>The server answered 403 Forbidden: the key may not use this resource.</summary>
public class OpenAIPermissionDeniedException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIPermissionDeniedException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIPermissionDeniedException(OpenAIErrorDetails details)
        : base(details)
    {
    }
}
