using Polly;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The Polly context of one call, created by <see cref="PolicyContextHandler"/>: the caller's token (Polly v7 gives its retry
/// callback none, and the wait between attempts must end when the caller cancels) and the request (for the retry log, whose failed
/// attempts may have no response). Typed fields instead of context entries: no dictionary and no boxed token per call. A context
/// that a caller set on the request themselves is used as it is, with the two values as entries.
/// </summary>
internal sealed class OpenAIPolicyContext : Context
{
    /// <summary>Initializes a new instance of the <see cref="OpenAIPolicyContext"/> class.</summary>
    public OpenAIPolicyContext(HttpRequestMessage request, CancellationToken callerToken)
    {
        Request = request;
        CallerToken = callerToken;
    }

    /// <summary>Gets the request of the call.</summary>
    public HttpRequestMessage Request { get; }

    /// <summary>Gets or sets the caller's cancellation token.</summary>
    public CancellationToken CallerToken { get; set; }

    /// <summary>Gets the caller's token from any context.</summary>
    public static CancellationToken CallerTokenOf(Context context) => context switch
    {
        OpenAIPolicyContext ours => ours.CallerToken,
        _ when context.TryGetValue(OpenAIResiliencePolicies.CancellationTokenKey, out object? token) && token is CancellationToken ct => ct,
        _ => default,
    };

    /// <summary>Gets the request from any context.</summary>
    public static HttpRequestMessage? RequestOf(Context context) => context switch
    {
        OpenAIPolicyContext ours => ours.Request,
        _ when context.TryGetValue(OpenAIResiliencePolicies.RequestKey, out object? request) => request as HttpRequestMessage,
        _ => null,
    };
}
