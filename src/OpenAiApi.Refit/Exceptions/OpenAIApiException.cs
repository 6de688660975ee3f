using System.Net;

namespace OpenAiApi.Refit;

/// <summary>The server answered with an error status. Subclasses name the common statuses so callers can branch with <c>catch</c>.</summary>
public class OpenAIApiException : OpenAIException
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIApiException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    public OpenAIApiException(OpenAIErrorDetails details)
        : base(BuildMessage(details), null, details?.RequestId)
    {
        ArgumentNullException.ThrowIfNull(details);
        StatusCode = details.StatusCode;
        ErrorType = details.ErrorType;
        ErrorCode = details.ErrorCode;
        Param = details.Param;
        ErrorMessage = details.ErrorMessage;
        RetryAfter = details.RetryAfter;
        ResponseBody = details.ResponseBody;
        RequestPath = details.RequestPath;
    }

    /// <summary>Gets the HTTP status code.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Gets the error <c>type</c> from the body (e.g. <c>invalid_request_error</c>), or <see langword="null"/>.</summary>
    public string? ErrorType { get; }

    /// <summary>Gets the error <c>code</c> from the body (e.g. <c>rate_limit_exceeded</c>), or <see langword="null"/>.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the request parameter the error refers to, or <see langword="null"/>.</summary>
    public string? Param { get; }

    /// <summary>Gets the server's error message, or <see langword="null"/> when the body had none.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets the delay the server asked for (<c>retry-after-ms</c> / <c>Retry-After</c>), or <see langword="null"/>.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>Gets the response body, at most <see cref="OpenAIAssistantsClientOptions.MaxErrorContentLength"/> characters of it
    /// (64 Ki by default), or <see langword="null"/>. <see cref="Exception.Message"/> quotes only its first 200 characters.</summary>
    public string? ResponseBody { get; }

    /// <summary>Gets the path of the failed request (without the query string), or <see langword="null"/>.</summary>
    public string? RequestPath { get; }

    private static string BuildMessage(OpenAIErrorDetails? details)
    {
        if (details is null)
        {
            return "The server returned an error.";
        }

        string text = details.ErrorMessage
            ?? (string.IsNullOrWhiteSpace(details.ResponseBody) ? details.ReasonPhrase ?? "no error message" : Truncate(details.ResponseBody, 200));
        string type = details.ErrorType is null ? string.Empty : $" ({details.ErrorType}{(details.ErrorCode is null ? string.Empty : ": " + details.ErrorCode)})";
        string request = details.RequestId is null ? string.Empty : $" Request id: {details.RequestId}.";
        return $"HTTP {(int)details.StatusCode}{type}: {text}{request}";
    }

    private static string Truncate(string value, int max) => value.Length <= max ? value : string.Concat(value.AsSpan(0, max), "…");
}
