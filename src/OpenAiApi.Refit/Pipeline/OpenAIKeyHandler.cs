using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Inside the retry policy, once per attempt, OpenAI profile only: the key as <c>Authorization: Bearer</c>, read from the options (or
/// asked of <see cref="OpenAIAssistantsClientOptions.ApiKeyProvider"/>) on every attempt, so a rotated key applies at once, a retry
/// included. Under the Azure profile (<see cref="OpenAIAssistantsClientOptions.AzureEndpoint"/> set) it passes the request on untouched:
/// <see cref="AzureProfileHandler"/> authenticates it. The profile is read per request, as the options may be reloaded.
/// </summary>
internal sealed class OpenAIKeyHandler : DelegatingHandler
{
    private const string ApiKeyProviderName = "OpenAIAssistantsClientOptions.ApiKeyProvider";

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;

    /// <summary>The last key and its <c>Bearer</c> header value: the value is built once per key, not once per request (a rotated
    /// key replaces it). Swapped as one object, so concurrent requests never see a key with another key's value.</summary>
    private BearerValue? _bearer;

    public OpenAIKeyHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options)
    {
        _options = options;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        if (options.AzureEndpoint is not null)
        {
            return base.SendAsync(request, cancellationToken); // the Azure profile authenticates its own way
        }

        if (options.ApiKeyProvider is { } provider)
        {
            return SendWithProviderAsync(request, provider, cancellationToken);
        }

        SetKey(request, options.ApiKey); // a fixed key: nothing to await, so no state machine per attempt
        return base.SendAsync(request, cancellationToken);
    }

    private async Task<HttpResponseMessage> SendWithProviderAsync(
        HttpRequestMessage request, Func<CancellationToken, ValueTask<string>> provider, CancellationToken cancellationToken)
    {
        string key = await provider(cancellationToken).ConfigureAwait(false);
        SetKey(request, HeaderValue.Checked(key, ApiKeyProviderName));
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets <c>Authorization: Bearer</c> to the key, checked by <see cref="HeaderValue"/>; no key leaves the header alone.</summary>
    private void SetKey(HttpRequestMessage request, string? key)
    {
        if (!string.IsNullOrEmpty(key))
        {
            request.Headers.Remove("Authorization"); // each retry passes here again, maybe with a rotated key
            request.Headers.TryAddWithoutValidation("Authorization", BearerFor(key));
        }
    }

    private string BearerFor(string key)
    {
        BearerValue? cached = Volatile.Read(ref _bearer);
        if (cached is null || !string.Equals(cached.Key, key, StringComparison.Ordinal))
        {
            cached = new BearerValue(key, "Bearer " + HeaderValue.Checked(key, "OpenAIAssistantsClientOptions.ApiKey")); // checked once per key
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
