using Microsoft.Extensions.Logging;

namespace OpenAiApi.Refit.Diagnostics;

/// <summary>The library's log events, source-generated, with fixed ids. None carries a header (so never the key), and bodies are
/// logged only by <see cref="RequestContent"/> / <see cref="ResponseContent"/>, when
/// <see cref="OpenAIAssistantsClientOptions.EnableContentLogging"/> is on.</summary>
internal static partial class OpenAILog
{
    [LoggerMessage(EventId = 1, EventName = "RequestSent", Level = LogLevel.Debug,
        Message = "Sending HTTP {Method} {Path} ({Operation} {Route}), attempt {Attempt}")]
    public static partial void RequestSent(ILogger logger, string method, string path, string operation, string route, int attempt);

    [LoggerMessage(EventId = 2, EventName = "ResponseReceived", Level = LogLevel.Information,
        Message = "HTTP {Method} {Path} ({Operation} {Route}) answered {StatusCode} after {ElapsedMilliseconds} ms, attempt {Attempt}, request id {RequestId}")]
    public static partial void ResponseReceived(
        ILogger logger, string method, string path, string operation, string route, int statusCode, double elapsedMilliseconds, int attempt, string? requestId);

    [LoggerMessage(EventId = 3, EventName = "RequestFailed", Level = LogLevel.Warning,
        Message = "HTTP {Method} {Path} ({Operation} {Route}) failed after {ElapsedMilliseconds} ms, attempt {Attempt}")]
    public static partial void RequestFailed(
        ILogger logger, string method, string path, string operation, string route, double elapsedMilliseconds, int attempt, Exception exception);

    [LoggerMessage(EventId = 4, EventName = "RetryScheduled", Level = LogLevel.Warning,
        Message = "Retrying HTTP {Method} {Route}: attempt {Attempt} failed ({Reason}); next attempt in {DelayMilliseconds} ms")]
    public static partial void RetryScheduled(ILogger logger, string method, string route, int attempt, string reason, double delayMilliseconds);

    [LoggerMessage(EventId = 5, EventName = "RequestContent", Level = LogLevel.Debug,
        Message = "HTTP {Method} {Route} request body: {Content}")]
    public static partial void RequestContent(ILogger logger, string method, string route, string content);

    [LoggerMessage(EventId = 6, EventName = "ResponseContent", Level = LogLevel.Debug,
        Message = "HTTP {Method} {Route} response body ({StatusCode}): {Content}")]
    public static partial void ResponseContent(ILogger logger, string method, string route, int statusCode, string content);

    [LoggerMessage(EventId = 10, EventName = "RunStatusChanged", Level = LogLevel.Information,
        Message = "Run {RunId} of thread {ThreadId}: status {PreviousStatus} -> {Status}")]
    public static partial void RunStatusChanged(ILogger logger, string runId, string threadId, string previousStatus, string status);

    [LoggerMessage(EventId = 11, EventName = "ToolCallDispatched", Level = LogLevel.Information,
        Message = "Run {RunId}: calling function {FunctionName} for tool call {ToolCallId}")]
    public static partial void ToolCallDispatched(ILogger logger, string runId, string functionName, string toolCallId);

    [LoggerMessage(EventId = 12, EventName = "ToolCallFailed", Level = LogLevel.Warning,
        Message = "Run {RunId}: tool call {ToolCallId} ({FunctionName}) was answered with an error: {Reason}")]
    public static partial void ToolCallFailed(ILogger logger, string runId, string functionName, string toolCallId, string reason, Exception? exception);
}
