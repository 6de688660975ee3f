using System.Net;

namespace OpenAiApi.Refit;

/// <summary>What an error response carried: status, the OpenAI error object's fields and the useful headers.</summary>
public sealed class OpenAIErrorDetails
{
    /// <summary>Gets the HTTP status code.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>Gets the reason phrase of the status line, if any.</summary>
    public string? ReasonPhrase { get; init; }

    /// <summary>Gets the error <c>type</c>.</summary>
    public string? ErrorType { get; init; }

    /// <summary>Gets the error <c>code</c> (a number is given as its text).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Gets the error <c>param</c>.</summary>
    public string? Param { get; init; }

    /// <summary>Gets the error <c>message</c>.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>Gets the <c>x-request-id</c> header.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the delay the server asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Gets the (truncated) response body.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Gets the request path the error answered (no query string), for messages.</summary>
    public string? RequestPath { get; init; }

    /// <summary>Gets the rate-limit state the response reported (<c>x-ratelimit-*</c>).</summary>
    public OpenAIRateLimits RateLimits { get; init; } = OpenAIRateLimits.None;
}
