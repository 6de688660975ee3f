using System.Globalization;
using System.Net.Http.Headers;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>The wire header names the client sends and reads, and the parsers of the values it reads (milliseconds, durations,
/// retry delays, rate limits), in one place.</summary>
internal static class WireHeaders
{
    /// <summary>The server's id of a request.</summary>
    public const string RequestId = "x-request-id";

    /// <summary>The server's say on whether an error may be retried (<c>true</c>/<c>false</c>).</summary>
    public const string ShouldRetry = "x-should-retry";

    /// <summary>The delay before a retry, in milliseconds.</summary>
    public const string RetryAfterMs = "retry-after-ms";

    /// <summary>The delay before a retry, in seconds or as an HTTP date.</summary>
    public const string RetryAfter = "Retry-After";

    /// <summary>When to poll a run again, in milliseconds.</summary>
    public const string PollAfterMs = "openai-poll-after-ms";

    /// <summary>The time the server spent on a request, in milliseconds.</summary>
    public const string ProcessingMs = "openai-processing-ms";

    /// <summary>The key in the OpenAI profile.</summary>
    public const string Authorization = "Authorization";

    /// <summary>The key in the Azure profile.</summary>
    public const string AzureApiKey = "api-key";

    /// <summary>The Assistants beta opt-in.</summary>
    public const string OpenAIBeta = "OpenAI-Beta";

    /// <summary>The organization of the request.</summary>
    public const string OpenAIOrganization = "OpenAI-Organization";

    /// <summary>The project of the request.</summary>
    public const string OpenAIProject = "OpenAI-Project";

    /// <summary>The client's product token.</summary>
    public const string UserAgent = "User-Agent";

    /// <summary>The request limit.</summary>
    public const string RateLimitLimitRequests = "x-ratelimit-limit-requests";

    /// <summary>The requests left.</summary>
    public const string RateLimitRemainingRequests = "x-ratelimit-remaining-requests";

    /// <summary>The time until the request limit resets.</summary>
    public const string RateLimitResetRequests = "x-ratelimit-reset-requests";

    /// <summary>The token limit.</summary>
    public const string RateLimitLimitTokens = "x-ratelimit-limit-tokens";

    /// <summary>The tokens left.</summary>
    public const string RateLimitRemainingTokens = "x-ratelimit-remaining-tokens";

    /// <summary>The time until the token limit resets.</summary>
    public const string RateLimitResetTokens = "x-ratelimit-reset-tokens";

    /// <summary>Gets the request id header, if any.</summary>
    public static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(RequestId, out IEnumerable<string>? values) ? values.FirstOrDefault() : null;

    /// <summary>Parses the first value of a milliseconds header: a finite, non-negative number, or <see langword="null"/>.</summary>
    public static double? Milliseconds(IEnumerable<string>? values) =>
        values is not null
        && double.TryParse(values.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out double ms)
        && double.IsFinite(ms) && ms >= 0
            ? ms
            : null;

    /// <summary>Reads <c>retry-after-ms</c>, then <c>Retry-After</c> as seconds, then as an HTTP date (capped at one day).</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.TryGetValues(RetryAfterMs, out IEnumerable<string>? ms) && Milliseconds(ms) is { } millis)
        {
            return TimeSpan.FromMilliseconds(Math.Min(millis, TimeSpan.FromDays(1).TotalMilliseconds));
        }

        if (headers.TryGetValues(RetryAfter, out IEnumerable<string>? raw))
        {
            string? value = raw.FirstOrDefault()?.Trim();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds) && double.IsFinite(seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(Math.Min(seconds, TimeSpan.FromDays(1).TotalSeconds));
            }

            if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset date))
            {
                TimeSpan delta = date - now;
                return delta > TimeSpan.Zero ? delta : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>Reads <c>openai-poll-after-ms</c> from the headers the content serializer sees, clamped to
    /// <see cref="Models.ThreadRun.MinSuggestedPollInterval"/> .. <see cref="Models.ThreadRun.MaxSuggestedPollInterval"/> whatever the
    /// server says: a hint of 0 or 1 ms would make a waiting run poll thousands of times a second, a huge one would keep the caller
    /// waiting long after the run ended. A value that is not a non-negative number counts as absent.</summary>
    public static TimeSpan? PollAfterOf(HttpContentHeaders headers) =>
        headers.TryGetValues(PollAfterMs, out IEnumerable<string>? values) && Milliseconds(values) is { } ms
            ? TimeSpan.FromMilliseconds(Math.Clamp(
                ms, Models.ThreadRun.MinSuggestedPollInterval.TotalMilliseconds, Models.ThreadRun.MaxSuggestedPollInterval.TotalMilliseconds))
            : null;

    /// <summary>Reads the metadata of a response (headers only; the body is not touched).</summary>
    public static OpenAIResponseMetadata MetadataOf(HttpResponseMessage response) => new()
    {
        StatusCode = response.StatusCode,
        RequestId = RequestIdOf(response),
        ProcessingTime = response.Headers.TryGetValues(ProcessingMs, out IEnumerable<string>? values)
            && Milliseconds(values) is { } ms && ms <= TimeSpan.FromDays(1).TotalMilliseconds
                ? TimeSpan.FromMilliseconds(ms)
                : null,
        RateLimits = RateLimitsOf(response.Headers),
    };

    /// <summary>Reads the <c>x-ratelimit-*</c> headers; <see cref="OpenAIRateLimits.None"/> when there are none.</summary>
    public static OpenAIRateLimits RateLimitsOf(HttpResponseHeaders headers)
    {
        var limits = new OpenAIRateLimits
        {
            LimitRequests = Integer(headers, RateLimitLimitRequests),
            RemainingRequests = Integer(headers, RateLimitRemainingRequests),
            ResetRequests = Duration(headers, RateLimitResetRequests),
            LimitTokens = Integer(headers, RateLimitLimitTokens),
            RemainingTokens = Integer(headers, RateLimitRemainingTokens),
            ResetTokens = Duration(headers, RateLimitResetTokens),
        };
        return limits.IsEmpty ? OpenAIRateLimits.None : limits;
    }

    /// <summary>Parses a reset value: a Go-style duration (<c>1h2m3.5s</c>, <c>6m0s</c>, <c>20ms</c>, <c>500us</c>) as OpenAI sends it,
    /// or a bare number of seconds as some gateways send it; <see langword="null"/> for anything else.</summary>
    public static TimeSpan? ParseDuration(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        ReadOnlySpan<char> span = text.AsSpan().Trim();
        if (double.TryParse(span, NumberStyles.Float, CultureInfo.InvariantCulture, out double bare))
        {
            return double.IsFinite(bare) && bare >= 0 && bare <= TimeSpan.MaxValue.TotalSeconds / 2 ? TimeSpan.FromSeconds(bare) : null;
        }

        double totalMilliseconds = 0;
        while (!span.IsEmpty)
        {
            int numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            int unitLength = 0;
            while (numberLength + unitLength < span.Length && !char.IsAsciiDigit(span[numberLength + unitLength]) && span[numberLength + unitLength] != '.')
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double value))
            {
                return null;
            }

            double? factor = span.Slice(numberLength, unitLength) switch
            {
                "h" => 3_600_000,
                "m" => 60_000,
                "s" => 1_000,
                "ms" => 1,
                "us" or "µs" => 0.001,
                "ns" => 0.000_001,
                _ => null,
            };
            if (factor is null)
            {
                return null;
            }

            totalMilliseconds += value * factor.Value;
            span = span[(numberLength + unitLength)..];
        }

        return double.IsFinite(totalMilliseconds) && totalMilliseconds <= TimeSpan.MaxValue.TotalMilliseconds / 2
            ? TimeSpan.FromMilliseconds(totalMilliseconds)
            : null;
    }

    private static long? Integer(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value)
            ? value
            : null;

    private static TimeSpan? Duration(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out IEnumerable<string>? values) ? ParseDuration(values.FirstOrDefault()) : null;
}
