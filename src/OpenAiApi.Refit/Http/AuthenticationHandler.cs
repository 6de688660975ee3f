using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Http;

/// <summary>Sets the key and the default headers on every attempt, reading the options each time so a rotated key applies at once.</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    /// <summary>The request option carrying <see cref="OpenAIAssistantsClientOptions.StreamIdleTimeout"/> to the stream reader,
    /// which (as an extension method on the interfaces) cannot see the client's options.</summary>
    public static readonly HttpRequestOptionsKey<TimeSpan> StreamIdleTimeoutKey = new("OpenAiApi.Refit.StreamIdleTimeout");

    private static readonly ProductInfoHeaderValue UserAgent = new("OpenAiApi.Refit", typeof(AuthenticationHandler).Assembly.GetName().Version?.ToString(3) ?? "1.0.0");

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;

    public AuthenticationHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options)
    {
        _options = options;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        OpenAIAssistantsClientOptions options = _options.CurrentValue;
        string? key = options.ApiKeyProvider is { } provider
            ? await provider(cancellationToken).ConfigureAwait(false)
            : options.ApiKey;

        request.Options.Set(StreamIdleTimeoutKey, options.StreamIdleTimeout);
        HttpRequestHeaders headers = request.Headers;
        if (!string.IsNullOrEmpty(key))
        {
            headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        SetOrRemove(headers, "OpenAI-Organization", options.Organization);
        SetOrRemove(headers, "OpenAI-Project", options.Project);
        if (!string.Equals(options.BetaHeader, OpenAIAssistantsClientOptions.DefaultBetaHeader, StringComparison.Ordinal))
        {
            SetOrRemove(headers, "OpenAI-Beta", options.BetaHeader);
        }

        if (headers.UserAgent.Count == 0)
        {
            headers.UserAgent.Add(UserAgent);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private static void SetOrRemove(HttpRequestHeaders headers, string name, string? value)
    {
        headers.Remove(name);
        if (!string.IsNullOrEmpty(value))
        {
            headers.TryAddWithoutValidation(name, value);
        }
    }
}
