namespace OpenAiApi.Refit;

/// <summary>Settings of the Assistants client: where, who, and how hard to try. Bound from configuration by
/// <c>AddOpenAIAssistants(IConfiguration)</c> and validated at start-up.</summary>
/// <remarks><see cref="ToString"/> never shows the API key.</remarks>
public sealed class OpenAIAssistantsClientOptions
{
    /// <summary>The default base address, OpenAI's public API (whose Assistants endpoints were retired on 2026-08-26).</summary>
    public const string DefaultBaseAddress = "https://api.openai.com/v1/";

    /// <summary>The default value of the <c>OpenAI-Beta</c> header.</summary>
    public const string DefaultBetaHeader = "assistants=v2";

    /// <summary>The default of <see cref="MaxResponseContentLength"/>: 32 MiB.</summary>
    public const long DefaultMaxResponseContentLength = 32L * 1024 * 1024;

    /// <summary>Gets or sets the API key, sent as <c>Authorization: Bearer …</c>. Read on every request, so a rotated key
    /// (through <c>IOptionsMonitor</c> reload) takes effect without a restart. Either this or <see cref="ApiKeyProvider"/> is required.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Gets or sets a provider asked for the key on every request (e.g. from a secret store); wins over <see cref="ApiKey"/>.</summary>
    public Func<CancellationToken, ValueTask<string>>? ApiKeyProvider { get; set; }

    /// <summary>Gets or sets the base address of the API, ending in the version segment (default <see cref="DefaultBaseAddress"/>).
    /// Must be https unless the host is loopback.</summary>
    public Uri BaseAddress { get; set; } = new(DefaultBaseAddress);

    /// <summary>Gets or sets the <c>OpenAI-Organization</c> header value, if any.</summary>
    public string? Organization { get; set; }

    /// <summary>Gets or sets the <c>OpenAI-Project</c> header value, if any.</summary>
    public string? Project { get; set; }

    /// <summary>Gets or sets the <c>OpenAI-Beta</c> header value (default <c>assistants=v2</c>); empty to send none, for servers that reject it.</summary>
    public string? BetaHeader { get; set; } = DefaultBetaHeader;

    /// <summary>Gets or sets how many times a failed request is retried (default 2, so 3 attempts); 0 turns retries off.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Gets or sets a value indicating whether POST requests are retried (default <see langword="true"/>, as the official SDKs do).
    /// A retried POST may create a duplicate (message, run) when the first attempt reached the server; turn off to never risk it.</summary>
    public bool RetryPostRequests { get; set; } = true;

    /// <summary>Gets or sets the longest server-requested delay (<c>Retry-After</c>) the client waits before a retry (default 60 s);
    /// a longer request ends the call with the exception, whose <c>RetryAfter</c> says how long to wait.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the time one attempt may take until the response headers arrive (default 100 s); it then counts as a
    /// retryable timeout. The whole call is bounded only by the caller's <see cref="CancellationToken"/>.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>The stream idle timeout used when none is set: 90 seconds (also for an interface not backed by this library's
    /// pipeline, such as a mock).</summary>
    public static readonly TimeSpan DefaultStreamIdleTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The largest error body read into an exception when none is set: 64 Ki characters.</summary>
    internal const int DefaultMaxErrorContentLength = 64 * 1024;

    /// <summary>Gets or sets how long a stream may stay silent (no event) before it fails with a timeout (default
    /// <see cref="DefaultStreamIdleTimeout"/>); a stream's own <c>RunStreamOptions.IdleTimeout</c> overrides it.</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = DefaultStreamIdleTimeout;

    /// <summary>Gets or sets the largest error body read into an exception, in characters (default 64 Ki); the exception's
    /// <c>ResponseBody</c> holds at most this much.</summary>
    public int MaxErrorContentLength { get; set; } = DefaultMaxErrorContentLength;

    /// <summary>Gets or sets the largest success body the client reads, in bytes (default 32 MiB, far above a page of 100 long
    /// messages). A larger body, announced by its Content-Length or found while reading a chunked one, fails the call with
    /// <c>OpenAIResponseValidationException</c> instead of filling memory. Event streams are not limited as a whole (each event is,
    /// by <c>RunStreamOptions.MaxEventBytes</c>).</summary>
    public long MaxResponseContentLength { get; set; } = DefaultMaxResponseContentLength;

    /// <summary>The default of <see cref="MaxLoggedContentLength"/>: 4096 characters.</summary>
    public const int DefaultMaxLoggedContentLength = 4096;

    /// <summary>Gets or sets a value indicating whether request and response bodies are logged (event ids 5 and 6, level Debug,
    /// category <c>OpenAiApi.Refit.Http</c>), each cut to <see cref="MaxLoggedContentLength"/> characters. Off by default: bodies
    /// hold user content (messages, instructions, tool arguments). Headers, and so the key, are never logged; event-stream bodies
    /// are never logged.</summary>
    public bool EnableContentLogging { get; set; }

    /// <summary>Gets or sets the longest body text a content log event carries, in characters (default 4096); the rest is cut.</summary>
    public int MaxLoggedContentLength { get; set; } = DefaultMaxLoggedContentLength;

    /// <summary>Gets or sets the endpoint of an Azure OpenAI resource (e.g. <c>https://my-resource.openai.azure.com/</c>); setting it
    /// turns the Azure profile on (see <see cref="UseAzure(Uri, string)"/>): requests go to <c>{endpoint}/openai/{path}?api-version=…</c>,
    /// the key goes in an <c>api-key</c> header (or <see cref="AzureTokenProvider"/> gives a bearer token) and no <c>OpenAI-Beta</c>
    /// header is sent. Bound from configuration as <c>AzureEndpoint</c>; <see cref="BaseAddress"/> then follows from it.</summary>
    public Uri? AzureEndpoint { get; set; }

    /// <summary>Gets or sets the <c>api-version</c> query value sent on every request of the Azure profile (e.g.
    /// <c>2024-05-01-preview</c>); required when <see cref="AzureEndpoint"/> is set.</summary>
    public string? AzureApiVersion { get; set; }

    /// <summary>Gets or sets a provider asked for a bearer token on every request of the Azure profile (e.g. a Microsoft Entra ID token
    /// for the scope <c>https://cognitiveservices.azure.com/.default</c>), sent as <c>Authorization: Bearer …</c> instead of the
    /// <c>api-key</c> header; when set, no key is needed.</summary>
    public Func<CancellationToken, ValueTask<string>>? AzureTokenProvider { get; set; }

    /// <summary>Turns on the Azure OpenAI profile: the base address becomes <c>{endpoint}/openai/</c>, every request carries
    /// <c>?api-version=<paramref name="apiVersion"/></c>, the key (<see cref="ApiKey"/> or <see cref="ApiKeyProvider"/>) goes in the
    /// <c>api-key</c> header instead of <c>Authorization</c>, and no <c>OpenAI-Beta</c> header is sent.</summary>
    /// <param name="endpoint">The resource endpoint, e.g. <c>https://my-resource.openai.azure.com/</c> (https unless loopback).</param>
    /// <param name="apiVersion">The API version, e.g. <c>2024-05-01-preview</c>.</param>
    /// <returns>These options, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not absolute, or <paramref name="apiVersion"/> is empty.</exception>
    public OpenAIAssistantsClientOptions UseAzure(Uri endpoint, string apiVersion)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiVersion);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The Azure endpoint must be an absolute URI.", nameof(endpoint));
        }

        AzureEndpoint = endpoint;
        AzureApiVersion = apiVersion;
        BaseAddress = AzureBaseAddressOf(endpoint);
        return this;
    }

    /// <summary>Turns on the Azure OpenAI profile with bearer tokens (Microsoft Entra ID) instead of a key; see
    /// <see cref="UseAzure(Uri, string)"/>.</summary>
    /// <param name="endpoint">The resource endpoint, e.g. <c>https://my-resource.openai.azure.com/</c>.</param>
    /// <param name="apiVersion">The API version, e.g. <c>2024-05-01-preview</c>.</param>
    /// <param name="tokenProvider">Gives the bearer token; asked on every request, so it should cache (as <c>TokenCredential</c>s do).</param>
    /// <returns>These options, for chaining.</returns>
    public OpenAIAssistantsClientOptions UseAzure(Uri endpoint, string apiVersion, Func<CancellationToken, ValueTask<string>> tokenProvider)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        UseAzure(endpoint, apiVersion);
        AzureTokenProvider = tokenProvider;
        return this;
    }

    /// <summary>Gets the base address of the Azure profile: <c>{endpoint}/openai/</c>.</summary>
    internal static Uri AzureBaseAddressOf(Uri endpoint) => new(endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/openai/");

    /// <inheritdoc />
    public override string ToString() =>
        $"BaseAddress={BaseAddress}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? (ApiKeyProvider is null ? "<none>" : "<provider>") : "<redacted>")}, " +
        $"Organization={Organization ?? "<none>"}, Project={Project ?? "<none>"}, BetaHeader={BetaHeader ?? "<none>"}, MaxRetries={MaxRetries}, " +
        $"RetryPostRequests={RetryPostRequests}, AttemptTimeout={AttemptTimeout}, StreamIdleTimeout={StreamIdleTimeout}" +
        (AzureEndpoint is null ? string.Empty : $", AzureEndpoint={AzureEndpoint}, AzureApiVersion={AzureApiVersion ?? "<none>"}, AzureTokenProvider={(AzureTokenProvider is null ? "<none>" : "<provider>")}");
}
