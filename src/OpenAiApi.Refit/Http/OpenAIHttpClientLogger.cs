using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace OpenAiApi.Refit.Http;

/// <summary>
/// The request logging of the library's <see cref="HttpClient"/>, in place of <c>IHttpClientFactory</c>'s default loggers. Those
/// redact header values only in the formatted message: the structured state of their Trace-level header records still holds the raw
/// <c>Authorization</c> value, which structured sinks (OpenTelemetry, Serilog, Application Insights) store. This logger writes the
/// method, the path (no query), the status and the duration of each attempt, and never a header.
/// </summary>
internal sealed partial class OpenAIHttpClientLogger : IHttpClientLogger
{
    private readonly ILogger<OpenAIHttpClientLogger> _logger;

    public OpenAIHttpClientLogger(ILogger<OpenAIHttpClientLogger> logger)
    {
        _logger = logger;
    }

    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            string path = PathOf(request);
            LogStart(_logger, request.Method.Method, path);
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string path = PathOf(request);
            LogStop(_logger, request.Method.Method, path, (int)response.StatusCode, elapsed.TotalMilliseconds);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            string path = PathOf(request);
            LogFailed(_logger, request.Method.Method, path, elapsed.TotalMilliseconds, exception);
        }
    }

    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.GetLeftPart(UriPartial.Path) ?? string.Empty;

    [LoggerMessage(EventId = 1, EventName = "RequestStart", Level = LogLevel.Debug, Message = "Sending HTTP {Method} {Path}")]
    private static partial void LogStart(ILogger logger, string method, string path);

    [LoggerMessage(EventId = 2, EventName = "RequestEnd", Level = LogLevel.Information, Message = "HTTP {Method} {Path} answered {StatusCode} after {ElapsedMilliseconds} ms")]
    private static partial void LogStop(ILogger logger, string method, string path, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(EventId = 3, EventName = "RequestFailed", Level = LogLevel.Warning, Message = "HTTP {Method} {Path} failed after {ElapsedMilliseconds} ms")]
    private static partial void LogFailed(ILogger logger, string method, string path, double elapsedMilliseconds, Exception exception);
}
