using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Sets the key and the default headers on every attempt, reading the options each time so a rotated key applies at once.</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    /// <summary>The User-Agent product token, as sent (formatted once).</summary>
    private static readonly string UserAgent =
        new ProductInfoHeaderValue("OpenAiApi.Refit", typeof(AuthenticationHandler).Assembly.GetName().Version?.ToString(3) ?? "1.0.0").ToString();

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;

    /// <summary>The last key and its <c>Bearer</c> header value: the value is built once per key, not once per request (a rotated
    /// key replaces it). Swapped as one object, so concurrent requests never see a key with another key's value.</summary>
    private BearerValue? _bearer;

    public AuthenticationHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        if (options.AzureEndpoint is null && options.ApiKeyProvider is null)
        {
            SetHeaders(request, options, options.ApiKey); // a fixed key: nothing to await, so no state machine per attempt
            return base.SendAsync(request, cancellationToken);
        }

        return SendWithProviderAsync(request, options, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProviderAsync(
        HttpRequestMessage request, OpenAIAssistantsClientOptions options, CancellationToken cancellationToken)
    {
        if (options.AzureEndpoint is not null)
        {
            await SetAzureAsync(request, options, cancellationToken).ConfigureAwait(false);
            SetCommonHeaders(request, options);
        }
        else
        {
            string? key = await options.ApiKeyProvider!(cancellationToken).ConfigureAwait(false);
            SetHeaders(request, options, key);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The OpenAI profile: the key as a bearer token, the beta header when it is not the default one, and the common headers.</summary>
    private void SetHeaders(HttpRequestMessage request, OpenAIAssistantsClientOptions options, string? key)
    {
        HttpRequestHeaders headers = request.Headers;
        if (!string.IsNullOrEmpty(key))
        {
            headers.Remove("Authorization"); // each retry passes here again, maybe with a rotated key
            headers.TryAddWithoutValidation("Authorization", BearerFor(key));
        }

        if (!string.Equals(options.BetaHeader, OpenAIAssistantsClientOptions.DefaultBetaHeader, StringComparison.Ordinal))
        {
            SetOrRemove(headers, WireHeaders.OpenAIBeta, options.BetaHeader);
        }

        SetCommonHeaders(request, options);
    }

    /// <summary>Organization, project and User-Agent.</summary>
    private static void SetCommonHeaders(HttpRequestMessage request, OpenAIAssistantsClientOptions options)
    {
        HttpRequestHeaders headers = request.Headers;
        SetOrRemove(headers, WireHeaders.OpenAIOrganization, options.Organization);
        SetOrRemove(headers, WireHeaders.OpenAIProject, options.Project);
        if (!headers.NonValidated.Contains("User-Agent"))
        {
            headers.TryAddWithoutValidation("User-Agent", UserAgent);
        }
    }

    /// <summary>The Azure profile: <c>api-version</c> on the query (once, though each retry passes here again), the key in
    /// <c>api-key</c> or a bearer token from <see cref="OpenAIAssistantsClientOptions.AzureTokenProvider"/>, and no <c>OpenAI-Beta</c>.</summary>
    private static async Task SetAzureAsync(HttpRequestMessage request, OpenAIAssistantsClientOptions options, CancellationToken cancellationToken)
    {
        HttpRequestHeaders headers = request.Headers;
        headers.Remove(WireHeaders.OpenAIBeta);
        if (options.AzureTokenProvider is { } tokenProvider)
        {
            string token = await tokenProvider(cancellationToken).ConfigureAwait(false);
            headers.Remove(WireHeaders.AzureApiKey);
            headers.Authorization = string.IsNullOrEmpty(token) ? null : new AuthenticationHeaderValue("Bearer", token);
        }
        else
        {
            string? key = options.ApiKeyProvider is { } provider
                ? await provider(cancellationToken).ConfigureAwait(false)
                : options.ApiKey;
            headers.Authorization = null;
            SetOrRemove(headers, WireHeaders.AzureApiKey, key);
        }

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

    private static void SetOrRemove(HttpRequestHeaders headers, string name, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            if (headers.NonValidated.Contains(name))
            {
                headers.Remove(name);
            }

            return;
        }

        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }

    private string BearerFor(string key)
    {
        BearerValue? cached = Volatile.Read(ref _bearer);
        if (cached is null || !string.Equals(cached.Key, key, StringComparison.Ordinal))
        {
            cached = new BearerValue(key, "Bearer " + key);
            Volatile.Write(ref _bearer, cached);
        }

        return cached.HeaderValue;
    }

    /// <summary>A key and its header value. Its <see cref="ToString"/> names neither, so the key never reaches a log or a dump.</summary>
    private sealed class BearerValue(string key, string headerValue)
    {
        public string Key { get; } = key;

        public string HeaderValue { get; } = headerValue;

        public override string ToString() => nameof(BearerValue);
    }
}
