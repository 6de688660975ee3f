using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;
using OpenAiApi.Refit.Diagnostics;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The request logging of the library's <see cref="HttpClient"/>, in place of <c>IHttpClientFactory</c>'s default loggers. Those
/// redact header values only in the formatted message: the structured state of their Trace-level header records still holds the raw
/// <c>Authorization</c> value, which structured sinks (OpenTelemetry, Serilog, Application Insights) store. This logger runs once per
/// attempt, next to the transport, and writes the method, the path (no query) and its route template
/// (<c>/threads/{threadId}/runs</c>, low-cardinality), the operation, the attempt number, the status, the duration and the server's request id: never a header, never a body
/// (events <see cref="OpenAILog.RequestSent"/>, <see cref="OpenAILog.ResponseReceived"/>, <see cref="OpenAILog.RequestFailed"/>).
/// </summary>
internal sealed class OpenAIHttpClientLogger : IHttpClientLogger
{
    private readonly ILogger _logger;

    public OpenAIHttpClientLogger(ILoggerFactory loggerFactory)
    {
        _logger = loggerFactory.CreateLogger(OpenAIAssistantsTelemetry.HttpLogCategory);
    }

    /// <summary>Gets the number of the attempt in progress of a request (1 for the first), 0 before any.</summary>
    internal static int AttemptOf(HttpRequestMessage request) => request.Options.TryGetValue(RequestOptionKeys.Attempt, out int attempt) ? attempt : 0;

    /// <summary>The path of a request, without the query (cursors, <c>api-version</c>) and without scheme and host.</summary>
    private static string PathOf(HttpRequestMessage request) => request.RequestUri?.AbsolutePath ?? string.Empty;

    public object? LogRequestStart(HttpRequestMessage request)
    {
        int attempt = AttemptOf(request) + 1;
        request.Options.Set(RequestOptionKeys.Attempt, attempt);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
            string path = PathOf(request);
            string route = OpenAITelemetryHandler.RouteOf(request);
            string operation = OpenAITelemetryHandler.OperationOf(request);
            OpenAILog.RequestSent(_logger, request.Method.Method, path, operation, route, attempt);
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Information))
        {
            string path = PathOf(request);
            string route = OpenAITelemetryHandler.RouteOf(request);
            string operation = OpenAITelemetryHandler.OperationOf(request);
            double milliseconds = Math.Round(elapsed.TotalMilliseconds, 1);
            int attempt = AttemptOf(request);
            string? requestId = WireHeaders.RequestIdOf(response);
            OpenAILog.ResponseReceived(_logger, request.Method.Method, path, operation, route, (int)response.StatusCode, milliseconds, attempt, requestId);
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (_logger.IsEnabled(LogLevel.Warning))
        {
            string path = PathOf(request);
            string route = OpenAITelemetryHandler.RouteOf(request);
            string operation = OpenAITelemetryHandler.OperationOf(request);
            double milliseconds = Math.Round(elapsed.TotalMilliseconds, 1);
            int attempt = AttemptOf(request);
            OpenAILog.RequestFailed(_logger, request.Method.Method, path, operation, route, milliseconds, attempt, exception);
        }
    }
}
