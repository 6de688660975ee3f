namespace OpenAiApi.Refit.Pipeline;

/// <summary>Raised inside the pipeline for an unusable success body; the public face is <c>OpenAIResponseValidationException</c>.</summary>
internal sealed class ResponseBodyException : Exception
{
    public ResponseBodyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
