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

    /// <summary>Gets or sets how long a stream may stay silent (no event) before it fails with a timeout (default 90 s).</summary>
    public TimeSpan StreamIdleTimeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Gets or sets the largest error body read into an exception, in characters (default 64 Ki).</summary>
    public int MaxErrorContentLength { get; set; } = 64 * 1024;

    /// <inheritdoc />
    public override string ToString() =>
        $"BaseAddress={BaseAddress}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? (ApiKeyProvider is null ? "<none>" : "<provider>") : "<redacted>")}, " +
        $"Organization={Organization ?? "<none>"}, Project={Project ?? "<none>"}, BetaHeader={BetaHeader ?? "<none>"}, MaxRetries={MaxRetries}, " +
        $"RetryPostRequests={RetryPostRequests}, AttemptTimeout={AttemptTimeout}, StreamIdleTimeout={StreamIdleTimeout}";
}
