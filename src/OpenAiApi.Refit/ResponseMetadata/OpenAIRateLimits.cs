using System.Globalization;
using System.Net.Http.Headers;

namespace OpenAiApi.Refit;

/// <summary>The rate-limit state a response reported in its <c>x-ratelimit-*</c> headers: the limits, what remains of them, and when
/// they reset, for requests and for tokens. A value the server did not send (or sent in a form this library cannot read) is
/// <see langword="null"/>.</summary>
public sealed class OpenAIRateLimits
{
    /// <summary>An instance with no value, for a response without rate-limit headers.</summary>
    public static OpenAIRateLimits None { get; } = new();

    /// <summary>Gets the number of requests allowed in the window (<c>x-ratelimit-limit-requests</c>).</summary>
    public long? LimitRequests { get; init; }

    /// <summary>Gets the number of requests left in the window (<c>x-ratelimit-remaining-requests</c>).</summary>
    public long? RemainingRequests { get; init; }

    /// <summary>Gets the time until the request limit resets (<c>x-ratelimit-reset-requests</c>, e.g. <c>1s</c>, <c>6m0s</c>).</summary>
    public TimeSpan? ResetRequests { get; init; }

    /// <summary>Gets the number of tokens allowed in the window (<c>x-ratelimit-limit-tokens</c>).</summary>
    public long? LimitTokens { get; init; }

    /// <summary>Gets the number of tokens left in the window (<c>x-ratelimit-remaining-tokens</c>).</summary>
    public long? RemainingTokens { get; init; }

    /// <summary>Gets the time until the token limit resets (<c>x-ratelimit-reset-tokens</c>, e.g. <c>20ms</c>, <c>1m30s</c>).</summary>
    public TimeSpan? ResetTokens { get; init; }

    /// <summary>Gets a value indicating whether the response carried no rate-limit value at all.</summary>
    public bool IsEmpty =>
        LimitRequests is null && RemainingRequests is null && ResetRequests is null && LimitTokens is null && RemainingTokens is null && ResetTokens is null;

    /// <inheritdoc />
    public override string ToString() =>
        $"Requests {RemainingRequests?.ToString(CultureInfo.InvariantCulture) ?? "?"}/{LimitRequests?.ToString(CultureInfo.InvariantCulture) ?? "?"} " +
        $"(reset {ResetRequests?.ToString() ?? "?"}), tokens {RemainingTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"}/" +
        $"{LimitTokens?.ToString(CultureInfo.InvariantCulture) ?? "?"} (reset {ResetTokens?.ToString() ?? "?"})";

    /// <summary>Reads the <c>x-ratelimit-*</c> headers; <see cref="None"/> when there are none.</summary>
    internal static OpenAIRateLimits FromHeaders(HttpResponseHeaders headers)
    {
        var limits = new OpenAIRateLimits
        {
            LimitRequests = Integer(headers, "x-ratelimit-limit-requests"),
            RemainingRequests = Integer(headers, "x-ratelimit-remaining-requests"),
            ResetRequests = Duration(headers, "x-ratelimit-reset-requests"),
            LimitTokens = Integer(headers, "x-ratelimit-limit-tokens"),
            RemainingTokens = Integer(headers, "x-ratelimit-remaining-tokens"),
            ResetTokens = Duration(headers, "x-ratelimit-reset-tokens"),
        };
        return limits.IsEmpty ? None : limits;
    }

    /// <summary>Parses a reset value: a Go-style duration (<c>1h2m3.5s</c>, <c>6m0s</c>, <c>20ms</c>, <c>500us</c>) as OpenAI sends it,
    /// or a bare number of seconds as some gateways send it; <see langword="null"/> for anything else.</summary>
    internal static TimeSpan? ParseDuration(string? text)
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
