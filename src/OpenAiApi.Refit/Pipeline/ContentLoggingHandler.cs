using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Diagnostics;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Outside the retry policy, once per call, inside the operation's span (so its records carry the span's trace): logs the request body
/// and the final response's body (events 5 and 6, Debug, cut to <see cref="OpenAIAssistantsClientOptions.MaxLoggedContentLength"/>)
/// when <see cref="OpenAIAssistantsClientOptions.EnableContentLogging"/> is on and the log category is enabled at Debug. An event stream's
/// body is never logged (reading it here would consume it). Off, which is the default, it only passes the request on.
/// </summary>
internal sealed class ContentLoggingHandler : DelegatingHandler
{
    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;
    private readonly ILogger _logger;

    public ContentLoggingHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options, ILoggerFactory loggerFactory)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger(OpenAIAssistantsTelemetry.HttpLogCategory);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        return options.EnableContentLogging && _logger.IsEnabled(LogLevel.Debug)
            ? SendAndLogAsync(request, options.MaxLoggedContentLength, cancellationToken)
            : base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendAndLogAsync(HttpRequestMessage request, int maxLength, CancellationToken cancellationToken)
    {
        string method = request.Method.Method;
        string route = OpenAITelemetryHandler.RouteOf(request);
        if (request.Content is not null)
        {
            string body = Cut(await request.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), maxLength);
            OpenAILog.RequestContent(_logger, method, route, body);
        }

        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!_logger.IsEnabled(LogLevel.Debug) || IsEventStream(request, response))
        {
            return response;
        }

        string responseBody;
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false); // the caller reads it again
            responseBody = Cut(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false), maxLength);
        }
        catch
        {
            response.Dispose(); // e.g. a body over MaxResponseContentLength: the call fails, its connection closes
            throw;
        }

        OpenAILog.ResponseContent(_logger, method, route, (int)response.StatusCode, responseBody);
        return response;
    }

    private static bool IsEventStream(HttpRequestMessage request, HttpResponseMessage response) =>
        string.Equals(response.Content.Headers.ContentType?.MediaType, "text/event-stream", StringComparison.OrdinalIgnoreCase) ||
        EventStreamRequests.IsEventStream(request);

    private static string Cut(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…[", (text.Length - max).ToString(CultureInfo.InvariantCulture), " more characters]");
}
