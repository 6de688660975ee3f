using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Assistants;
using OpenAiApi.Refit.Benchmarks.Baseline;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>The three clients, each over its own <see cref="CannedHandler"/>, built the way their users build them.</summary>
internal sealed class Clients : IDisposable
{
    private readonly ServiceProvider _services;

    private Clients(bool record, Action<OpenAIAssistantsClientOptions>? configure)
    {
        BaselineHandler = new CannedHandler { Record = record };
        OfficialHandler = new CannedHandler { Record = record };
        OursHandler = new CannedHandler { Record = record };

        // Baseline: a plain HttpClient over the handler.
        Baseline = new BaselineClient(new HttpClient(BaselineHandler) { BaseAddress = Payloads.BaseAddress }, Payloads.ApiKey);

        // Official SDK: its own pipeline (retries, logging policy) over an HttpClient transport on the handler.
        Official = new AssistantClient(
            new ApiKeyCredential(Payloads.ApiKey),
            new AssistantClientOptions
            {
                Endpoint = new Uri(Payloads.BaseAddress.AbsoluteUri.TrimEnd('/')),
                Transport = new HttpClientPipelineTransport(new HttpClient(OfficialHandler)),
            });

        // Ours: exactly as an application registers it; only the primary handler (the sockets) is replaced, so every handler of
        // the pipeline (policy context, retry, attempt timeout, classification, authentication, logging) runs.
        var services = new ServiceCollection();
        services.AddLogging();
        services
            .AddOpenAIAssistants(options =>
            {
                options.ApiKey = Payloads.ApiKey;
                options.BaseAddress = Payloads.BaseAddress;
                configure?.Invoke(options);
            })
            .ConfigurePrimaryHttpMessageHandler(() => OursHandler);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        Runs = _services.GetRequiredService<IRunsApi>();
        Messages = _services.GetRequiredService<IMessagesApi>();
        OursHttpClient = _services.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName);
    }

    /// <summary>Gets the HttpClient behind our interfaces (every handler of the pipeline), for the probe that leaves Refit out.</summary>
    public HttpClient OursHttpClient { get; }

    public CannedHandler BaselineHandler { get; }

    public CannedHandler OfficialHandler { get; }

    public CannedHandler OursHandler { get; }

    public BaselineClient Baseline { get; }

    public AssistantClient Official { get; }

    public IRunsApi Runs { get; }

    public IMessagesApi Messages { get; }

    public static Clients Create(bool record = false, Action<OpenAIAssistantsClientOptions>? configure = null) => new(record, configure);

    public void Dispose() => _services.Dispose();
}
