using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit;

/// <summary>
/// The Assistants client for code without dependency injection: builds the same pipeline as <c>AddOpenAIAssistants</c>
/// (retries, timeouts, error translation, validation) and exposes the four interfaces. Create one and reuse it; dispose it at the end
/// (that closes its sockets and ends its calls in flight with <see cref="ObjectDisposedException"/>).
/// </summary>
public sealed class OpenAIAssistantsClient : IDisposable, IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <summary>Initializes a new instance of the <see cref="OpenAIAssistantsClient"/> class with an API key and the default base address.</summary>
    /// <param name="apiKey">The API key.</param>
    public OpenAIAssistantsClient(string apiKey)
        : this(new OpenAIAssistantsClientOptions { ApiKey = apiKey })
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OpenAIAssistantsClient"/> class.</summary>
    /// <param name="options">The options; they are copied, so later changes to the instance have no effect.</param>
    /// <exception cref="OptionsValidationException">The options are invalid (no key, non-https base address…).</exception>
    public OpenAIAssistantsClient(OpenAIAssistantsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => Copy(options, o));
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        _ = _services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value; // validate now, not on the first call
        Assistants = _services.GetRequiredService<IAssistantsApi>();
        Threads = _services.GetRequiredService<IThreadsApi>();
        Messages = _services.GetRequiredService<IMessagesApi>();
        Runs = _services.GetRequiredService<IRunsApi>();
    }

    /// <summary>Gets the assistants endpoints.</summary>
    public IAssistantsApi Assistants { get; }

    /// <summary>Gets the thread endpoints.</summary>
    public IThreadsApi Threads { get; }

    /// <summary>Gets the message endpoints.</summary>
    public IMessagesApi Messages { get; }

    /// <summary>Gets the run and run-step endpoints.</summary>
    public IRunsApi Runs { get; }

    /// <summary>Closes every connection of the client and ends it: calls in flight (a request, a stream being read, a wait between two
    /// polls) end at once with <see cref="ObjectDisposedException"/>, and every later call throws <see cref="ObjectDisposedException"/>
    /// before anything is sent. Calling it again does nothing.</summary>
    public void Dispose() => _services.Dispose();

    /// <summary>Closes every connection of the client and ends it, as <see cref="Dispose"/> does.</summary>
    /// <returns>A task that completes when the client is disposed.</returns>
    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private static void Copy(OpenAIAssistantsClientOptions from, OpenAIAssistantsClientOptions to)
    {
        to.ApiKey = from.ApiKey;
        to.ApiKeyProvider = from.ApiKeyProvider;
        to.BaseAddress = from.BaseAddress;
        to.Organization = from.Organization;
        to.Project = from.Project;
        to.BetaHeader = from.BetaHeader;
        to.MaxRetries = from.MaxRetries;
        to.RetryPostRequests = from.RetryPostRequests;
        to.MaxRetryAfter = from.MaxRetryAfter;
        to.AttemptTimeout = from.AttemptTimeout;
        to.StreamIdleTimeout = from.StreamIdleTimeout;
        to.MaxErrorContentLength = from.MaxErrorContentLength;
        to.MaxResponseContentLength = from.MaxResponseContentLength;
        to.EnableContentLogging = from.EnableContentLogging;
        to.MaxLoggedContentLength = from.MaxLoggedContentLength;
        to.AzureEndpoint = from.AzureEndpoint;
        to.AzureApiVersion = from.AzureApiVersion;
        to.AzureTokenProvider = from.AzureTokenProvider;
    }
}
