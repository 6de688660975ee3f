using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Diagnostics;

/// <summary>
/// What the run helpers need to log and tag like the client they drive: its logger and its provider (OpenAI or Azure). The helpers are
/// extension methods on the interfaces and see only the interface instance, so the registration attaches this object to every
/// client it creates (a weak table: the attachment dies with the client); a mock or a client built elsewhere gets
/// <see cref="None"/> (no logs, provider <c>openai</c>), while spans and metrics still flow through the static source and meter.
/// </summary>
internal sealed class OpenAIClientDiagnostics
{
    private static readonly ConditionalWeakTable<object, OpenAIClientDiagnostics> Attached = new();

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions>? _options;

    public OpenAIClientDiagnostics(ILoggerFactory loggerFactory, IOptionsMonitor<OpenAIAssistantsClientOptions> options, Pipeline.ClientLifetime lifetime)
    {
        RunsLogger = loggerFactory.CreateLogger(OpenAIAssistantsTelemetry.RunsLogCategory);
        _options = options;
        ClientLifetime = lifetime.Token;
    }

    private OpenAIClientDiagnostics()
    {
        RunsLogger = NullLogger.Instance;
    }

    /// <summary>Gets the diagnostics of a client that was not created by the registration.</summary>
    public static OpenAIClientDiagnostics None { get; } = new();

    /// <summary>Gets a token cancelled when the client is disposed, so the run helpers' waits end with it (none for <see cref="None"/>).</summary>
    public CancellationToken ClientLifetime { get; }

    /// <summary>Gets the logger of the run helpers' events.</summary>
    public ILogger RunsLogger { get; }

    /// <summary>Gets the <c>gen_ai.provider.name</c> of the client, by its current options.</summary>
    public string Provider => ProviderOf(_options?.CurrentValue);

    /// <summary>Gets the provider name the options select: Azure OpenAI when the Azure profile is on, else OpenAI.</summary>
    public static string ProviderOf(OpenAIAssistantsClientOptions? options) =>
        options?.AzureEndpoint is null ? OpenAITelemetry.OpenAIProvider : OpenAITelemetry.AzureProvider;

    /// <summary>Gets the diagnostics attached to <paramref name="api"/>, or <see cref="None"/>.</summary>
    public static OpenAIClientDiagnostics For(object api) => Attached.TryGetValue(api, out OpenAIClientDiagnostics? diagnostics) ? diagnostics : None;

    /// <summary>Attaches these diagnostics to a client the registration created, and returns the client.</summary>
    public object Attach(object api)
    {
        Attached.AddOrUpdate(api, this);
        return api;
    }
}
