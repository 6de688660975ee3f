using OpenAiApi.Refit.Emulator;

namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>
/// The sample's fallback server: when no <c>OpenAI:BaseAddress</c> (nor <c>OpenAI:AzureEndpoint</c>) is configured, an Assistants
/// emulator is started in-process (127.0.0.1, a free port, realistic timing) and the <c>OpenAI</c> section is pointed at it. The
/// emulator lives as long as the application: this hosted service logs where it is when the application starts and stops it when
/// the application stops. With <c>OPENAI_MODEL_ENDPOINT</c> configured, its runs are answered by that chat model.
/// </summary>
public sealed partial class InProcessEmulator : IHostedService, IAsyncDisposable
{
    private readonly AssistantsEmulator _emulator;
    private readonly ILogger<InProcessEmulator> _logger;

    private InProcessEmulator(AssistantsEmulator emulator, ILogger<InProcessEmulator> logger)
    {
        _emulator = emulator;
        _logger = logger;
    }

    /// <summary>Gets the emulator's base address (ending in <c>/v1/</c>).</summary>
    public Uri BaseAddress => _emulator.BaseAddress;

    /// <summary>Starts an emulator and configures the client for it, unless the configuration names a server.</summary>
    /// <param name="builder">The application's builder.</param>
    /// <param name="cancellationToken">A token to cancel the start.</param>
    /// <returns><see langword="true"/> if an emulator was started.</returns>
    public static async Task<bool> StartIfUnconfiguredAsync(WebApplicationBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        IConfigurationSection openAI = builder.Configuration.GetSection("OpenAI");
        if (!string.IsNullOrWhiteSpace(openAI["BaseAddress"]) || !string.IsNullOrWhiteSpace(openAI["AzureEndpoint"]))
        {
            return false;
        }

        // The emulator is a web application too. Tools that host this Program (WebApplicationFactory in tests, EF Core's design-time
        // tools) watch the hosts built in its asynchronous flow and take the first one for the application; the emulator is built
        // outside that flow, so it is never mistaken for the sample.
        var options = new AssistantsEmulatorOptions { Timing = EmulatorRunTiming.Realistic };

        // OPENAI_MODEL_ENDPOINT (any OpenAI-compatible /v1 endpoint; key from OPENAI_API_KEY, model from OPENAI_MODEL): the
        // emulator's runs are answered by that chat model instead of the scripted one.
        if (builder.Configuration["OPENAI_MODEL_ENDPOINT"] is { Length: > 0 } modelEndpoint)
        {
            options.ChatModel.Endpoint = Uri.TryCreate(modelEndpoint, UriKind.Absolute, out Uri? endpoint)
                ? endpoint
                : throw new InvalidOperationException("OPENAI_MODEL_ENDPOINT must be an absolute http or https address, e.g. http://localhost:11434/v1.");
            options.ChatModel.Model = builder.Configuration["OPENAI_MODEL"];
        }

        Task<AssistantsEmulator> starting;
        using (ExecutionContext.SuppressFlow())
        {
            starting = Task.Run(() => AssistantsEmulator.StartAsync(options, cancellationToken), cancellationToken);
        }

        AssistantsEmulator emulator = await starting.ConfigureAwait(false);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:BaseAddress"] = emulator.BaseAddress.ToString(),
            ["OpenAI:ApiKey"] = emulator.ApiKey,
        });
        builder.Services.AddSingleton(sp => new InProcessEmulator(emulator, sp.GetRequiredService<ILogger<InProcessEmulator>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InProcessEmulator>());
        return true;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        LogStarted(_logger, _emulator.BaseAddress);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _emulator.DisposeAsync();

    [LoggerMessage(Level = LogLevel.Information, Message = "OpenAI:BaseAddress is not configured: using the Assistants emulator started in-process at {BaseAddress}. Set OpenAI:BaseAddress and OpenAI:ApiKey to use another server.")]
    private static partial void LogStarted(ILogger logger, Uri baseAddress);
}
