using Polly;
using OpenAiApi.Refit.Resilience;

namespace OpenAiApi.Refit.Http;

/// <summary>The outermost handler: hands the call's cancellation token to the retry policy (Polly v7 gives its retry callback none),
/// so a wait between attempts ends at once when the caller cancels.</summary>
internal sealed class PolicyContextHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Context context = request.GetPolicyExecutionContext() ?? new Context();
        context[OpenAIResiliencePolicies.CancellationTokenKey] = cancellationToken;
        request.SetPolicyExecutionContext(context);
        return base.SendAsync(request, cancellationToken);
    }
}
