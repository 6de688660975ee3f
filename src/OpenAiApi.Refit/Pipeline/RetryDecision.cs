namespace OpenAiApi.Refit.Pipeline;

/// <summary>What the classification of one failed attempt concluded; attached to the request for the retry policy to read.</summary>
/// <param name="ShouldRetry">Whether another attempt may be made.</param>
/// <param name="Delay">The delay the server asked for, when it asked for one within the cap.</param>
internal sealed record RetryDecision(bool ShouldRetry, TimeSpan? Delay)
{
    /// <summary>Reads the decision attached to the request of <paramref name="response"/>, if any.</summary>
    public static RetryDecision? Of(HttpResponseMessage? response) =>
        response?.RequestMessage is { } request && request.Options.TryGetValue(RequestOptionKeys.RetryDecision, out RetryDecision? decision) ? decision : null;
}
