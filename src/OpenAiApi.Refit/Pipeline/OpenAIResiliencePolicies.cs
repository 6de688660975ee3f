using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Diagnostics;
using Polly;
using Polly.Timeout;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The Polly v7 policies of the pipeline: the retry policy (classification from <see cref="RetryDecision"/>, connection errors and
/// attempt timeouts; delays from the server's headers or exponential backoff with jitter, waited on the injected
/// <see cref="TimeProvider"/>) and the per-attempt timeout inside it. Built once per option value, not per request.
/// </summary>
internal sealed class OpenAIResiliencePolicies
{
    /// <summary>The Polly context key holding the caller's cancellation token in a context the caller set themselves (ours has a field).</summary>
    public const string CancellationTokenKey = "OpenAiApi.Refit.CancellationToken";

    /// <summary>The Polly context key holding the request in a context the caller set themselves, for the retry log.</summary>
    public const string RequestKey = "OpenAiApi.Refit.Request";

    private static readonly IAsyncPolicy<HttpResponseMessage> NoOp = Policy.NoOpAsync<HttpResponseMessage>();

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<int, IAsyncPolicy<HttpResponseMessage>> _retryPolicies = new();
    private readonly ConcurrentDictionary<TimeSpan, IAsyncPolicy<HttpResponseMessage>> _timeoutPolicies = new();
    private readonly Func<int, IAsyncPolicy<HttpResponseMessage>> _createRetryPolicy; // one delegate, not one per request

    public OpenAIResiliencePolicies(IOptionsMonitor<OpenAIAssistantsClientOptions> options, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        _options = options;
        _timeProvider = timeProvider;
        _createRetryPolicy = CreateRetryPolicy;
        _logger = loggerFactory?.CreateLogger(OpenAIAssistantsTelemetry.HttpLogCategory) ?? NullLogger.Instance;
    }

    /// <summary>Gets the retry policy for a request: none when retries are off, or for a POST when POST retries are off.</summary>
    public IAsyncPolicy<HttpResponseMessage> GetRetryPolicy(HttpRequestMessage request)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        if (options.MaxRetries <= 0 || (request.Method == HttpMethod.Post && !options.RetryPostRequests))
        {
            return NoOp;
        }

        return _retryPolicies.GetOrAdd(options.MaxRetries, _createRetryPolicy);
    }

    /// <summary>Gets the per-attempt timeout policy.</summary>
    public IAsyncPolicy<HttpResponseMessage> GetAttemptTimeoutPolicy()
    {
        TimeSpan timeout = _options.CurrentValue.AttemptTimeout;
        return timeout == Timeout.InfiniteTimeSpan
            ? NoOp
            : _timeoutPolicies.GetOrAdd(timeout, static t => Policy.TimeoutAsync<HttpResponseMessage>(t, TimeoutStrategy.Optimistic));
    }

    /// <summary>The backoff of retry <paramref name="retryIndex"/> (0 for the first retry): min(0.5 s · 2^n, 8 s) less up to 25 % jitter.</summary>
    public static TimeSpan Backoff(int retryIndex, double random)
    {
        double seconds = Math.Min(0.5 * Math.Pow(2, Math.Min(retryIndex, 10)), 8.0);
        return TimeSpan.FromSeconds(seconds * (1 - (0.25 * random)));
    }

    private Polly.Retry.AsyncRetryPolicy<HttpResponseMessage> CreateRetryPolicy(int maxRetries) =>
        Policy<HttpResponseMessage>
            .Handle<HttpRequestException>()
            .Or<TimeoutRejectedException>()
            .OrResult(response => RetryDecision.Of(response)?.ShouldRetry == true)
            .WaitAndRetryAsync(
                maxRetries,
                sleepDurationProvider: static (_, _, _) => TimeSpan.Zero, // the wait happens in onRetryAsync, on the TimeProvider
                onRetryAsync: WaitBeforeRetryAsync);

    /// <summary>Logs <see cref="OpenAILog.RetryScheduled"/>: which attempt failed, why, and how long the client waits.</summary>
    private void LogRetry(DelegateResult<HttpResponseMessage> outcome, int retryNumber, TimeSpan delay, Context context)
    {
        if (!_logger.IsEnabled(LogLevel.Warning))
        {
            return;
        }

        HttpRequestMessage? request = outcome.Result?.RequestMessage ?? OpenAIPolicyContext.RequestOf(context);
        string reason = outcome.Result is { } response
            ? $"HTTP {(int)response.StatusCode}"
            : outcome.Exception is TimeoutRejectedException ? "attempt timeout" : outcome.Exception?.GetType().Name ?? "unknown";
        OpenAILog.RetryScheduled(
            _logger,
            request?.Method.Method ?? "?",
            request is null ? "?" : OpenAITelemetryHandler.RouteOf(request),
            retryNumber,
            reason,
            Math.Round(delay.TotalMilliseconds, 1));
    }

    private async Task WaitBeforeRetryAsync(DelegateResult<HttpResponseMessage> outcome, TimeSpan ignored, int retryNumber, Context context)
    {
        TimeSpan delay = RetryDecision.Of(outcome.Result)?.Delay ?? Backoff(retryNumber - 1, Random.Shared.NextDouble());
        LogRetry(outcome, retryNumber, delay, context);
        outcome.Result?.Dispose();
        await Task.Delay(delay, _timeProvider, OpenAIPolicyContext.CallerTokenOf(context)).ConfigureAwait(false);
    }
}
