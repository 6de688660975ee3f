using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Inside the retry policy, once per attempt, Azure profile only (<see cref="OpenAIAssistantsClientOptions.AzureEndpoint"/> set): no
/// <c>OpenAI-Beta</c> (the interfaces' attribute puts one on every request), the key in <c>api-key</c> (from the options or
/// <see cref="OpenAIAssistantsClientOptions.ApiKeyProvider"/>) or a bearer token from
/// <see cref="OpenAIAssistantsClientOptions.AzureTokenProvider"/>, asked on every attempt, and <c>api-version</c> on the query (once,
/// though each retry passes here again). Under the OpenAI profile it passes the request on untouched. The profile is read per request,
/// as the options may be reloaded.
/// </summary>
internal sealed class AzureProfileHandler : DelegatingHandler
{
    private const string ApiKeyProviderName = "OpenAIAssistantsClientOptions.ApiKeyProvider";

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;

    public AzureProfileHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        if (options.AzureEndpoint is null)
        {
            return base.SendAsync(request, cancellationToken); // the OpenAI profile: OpenAIKeyHandler authenticates it
        }

        if (options.AzureTokenProvider is not null || options.ApiKeyProvider is not null)
        {
            return SendWithProviderAsync(request, options, cancellationToken);
        }

        request.Headers.Remove(WireHeaders.OpenAIBeta);
        SetApiKey(request.Headers, options.ApiKey); // a fixed key: nothing to await, so no state machine per attempt
        AddApiVersion(request, options);
        return base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProviderAsync(
        HttpRequestMessage request, OpenAIAssistantsClientOptions options, CancellationToken cancellationToken)
    {
        HttpRequestHeaders headers = request.Headers;
        headers.Remove(WireHeaders.OpenAIBeta);
        if (options.AzureTokenProvider is { } tokenProvider)
        {
            string? token = HeaderValue.Checked(
                await tokenProvider(cancellationToken).ConfigureAwait(false), "OpenAIAssistantsClientOptions.AzureTokenProvider");
            headers.Remove(WireHeaders.AzureApiKey);
            headers.Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            SetApiKey(headers, HeaderValue.Checked(await options.ApiKeyProvider!(cancellationToken).ConfigureAwait(false), ApiKeyProviderName));
        }

        AddApiVersion(request, options);
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The key in <c>api-key</c> (checked by <see cref="HeaderValue"/>), and no <c>Authorization</c>.</summary>
    private static void SetApiKey(HttpRequestHeaders headers, string? key)
    {
        headers.Authorization = null;
        HeaderValue.SetOrRemove(headers, WireHeaders.AzureApiKey, key, "OpenAIAssistantsClientOptions.ApiKey");
    }

    /// <summary>Appends <c>api-version</c> to the query unless it is there already (a retry sends the same request again).</summary>
    private static void AddApiVersion(HttpRequestMessage request, OpenAIAssistantsClientOptions options)
    {
        if (request.RequestUri is { } uri && !string.IsNullOrEmpty(options.AzureApiVersion) && !HasApiVersion(uri))
        {
            string separator = string.IsNullOrEmpty(uri.Query) ? "?" : "&";
            request.RequestUri = new Uri(uri.AbsoluteUri + separator + "api-version=" + Uri.EscapeDataString(options.AzureApiVersion));
        }
    }

    private static bool HasApiVersion(Uri uri)
    {
        string query = uri.Query;
        return query.StartsWith("?api-version=", StringComparison.OrdinalIgnoreCase) || query.Contains("&api-version=", StringComparison.OrdinalIgnoreCase);
    }
}
