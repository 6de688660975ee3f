using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Inside the retry policy, once per attempt, next to the socket: the headers every request carries, read from the options each time.
/// <c>OpenAI-Organization</c>, <c>OpenAI-Project</c> (removed when not set) and <c>User-Agent</c> (unless the request has one); and,
/// under the OpenAI profile only, <c>OpenAI-Beta</c> when <see cref="OpenAIAssistantsClientOptions.BetaHeader"/> is not the default the
/// interfaces' attribute already sends (the Azure profile sends none: <see cref="AzureProfileHandler"/> removes it). Every value goes
/// through <see cref="HeaderValue"/> (trimmed, printable ASCII) before it reaches a header. Nothing is awaited: no state machine.
/// </summary>
internal sealed class DefaultHeadersHandler : DelegatingHandler
{
    /// <summary>The User-Agent product token, as sent (formatted once).</summary>
    private static readonly string UserAgent =
        new ProductInfoHeaderValue("OpenAiApi.Refit", typeof(DefaultHeadersHandler).Assembly.GetName().Version?.ToString(3) ?? "1.0.0").ToString();

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;

    public DefaultHeadersHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        HttpRequestHeaders headers = request.Headers;
        if (options.AzureEndpoint is null &&
            !string.Equals(options.BetaHeader, OpenAIAssistantsClientOptions.DefaultBetaHeader, StringComparison.Ordinal))
        {
            HeaderValue.SetOrRemove(headers, WireHeaders.OpenAIBeta, options.BetaHeader, "OpenAIAssistantsClientOptions.BetaHeader");
        }

        HeaderValue.SetOrRemove(headers, WireHeaders.OpenAIOrganization, options.Organization, "OpenAIAssistantsClientOptions.Organization");
        HeaderValue.SetOrRemove(headers, WireHeaders.OpenAIProject, options.Project, "OpenAIAssistantsClientOptions.Project");
        if (!headers.NonValidated.Contains("User-Agent"))
        {
            headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
