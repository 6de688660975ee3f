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
}
