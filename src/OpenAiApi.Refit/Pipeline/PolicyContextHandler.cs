using Polly;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Outside the retry policy: hands the call's cancellation token and request to the retry policy through the Polly context
/// (Polly v7 gives its retry callback no token), so a wait between attempts ends at once when the caller cancels.</summary>
internal sealed class PolicyContextHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        switch (request.GetPolicyExecutionContext())
        {
            case null:
                request.SetPolicyExecutionContext(new OpenAIPolicyContext(request, cancellationToken));
                break;
            case OpenAIPolicyContext ours:
                ours.CallerToken = cancellationToken;
                break;
            case Context theirs:
                theirs[OpenAIResiliencePolicies.CancellationTokenKey] = cancellationToken;
                theirs[OpenAIResiliencePolicies.RequestKey] = request;
                break;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
