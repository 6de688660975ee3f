using System.Net;

namespace OpenAiApi.Refit;

/// <summary>The server answered with a success status but the body is unusable: empty, not JSON, malformed, too large or missing a required field.</summary>
public sealed class OpenAIResponseValidationException : OpenAIException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIResponseValidationException"/> class.</summary>
    /// <param name="message">What is wrong with the body.</param>
    /// <param name="statusCode">The response status.</param>
    /// <param name="contentType">The response content type, if any.</param>
    /// <param name="requestId">The <c>x-request-id</c>, if any.</param>
    /// <param name="innerException">The parse error, if any.</param>
    public OpenAIResponseValidationException(string message, HttpStatusCode statusCode, string? contentType, string? requestId, Exception? innerException = null)
        : base(message, innerException, requestId)
    {
        StatusCode = statusCode;
        ContentType = contentType;
    }

    /// <summary>Gets the response status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the response content type, if any.</summary>
    public string? ContentType { get; }
}
