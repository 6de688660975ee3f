using System.Globalization;
using System.Net;

namespace OpenAiApi.Refit;

/// <summary>What a response said about itself besides its body: its status, the server's request id, how long the server worked on
/// it and the rate-limit state. Get it with the <c>WithResponseAsync</c> extensions (<see cref="OpenAIResponseExtensions"/>).</summary>
public sealed class OpenAIResponseMetadata
{
    /// <summary>An instance with no value, for a call that sent no request (e.g. a mock).</summary>
    public static OpenAIResponseMetadata None { get; } = new();

    /// <summary>Gets the HTTP status of the response, or <see langword="null"/> when no response was seen.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>Gets the server's id of the request (<c>x-request-id</c>), to quote to the server's operator.</summary>
    public string? RequestId { get; init; }

    /// <summary>Gets the time the server spent on the request (<c>openai-processing-ms</c>).</summary>
    public TimeSpan? ProcessingTime { get; init; }

    /// <summary>Gets the rate-limit state (<c>x-ratelimit-*</c>); <see cref="OpenAIRateLimits.None"/> when the server sent none.</summary>
    public OpenAIRateLimits RateLimits { get; init; } = OpenAIRateLimits.None;

    /// <inheritdoc />
    public override string ToString() =>
        $"Status={(StatusCode is { } status ? ((int)status).ToString(CultureInfo.InvariantCulture) : "?")}, RequestId={RequestId ?? "<none>"}, " +
        $"ProcessingTime={ProcessingTime?.ToString() ?? "<none>"}, RateLimits=[{RateLimits}]";
}
