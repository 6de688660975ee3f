using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Http;
using OpenAiApi.Refit.Internal;
using OpenAiApi.Refit.Resilience;
using Refit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the Assistants client: <see cref="IAssistantsApi"/>, <see cref="IThreadsApi"/>, <see cref="IMessagesApi"/> and
/// <see cref="IRunsApi"/> on one named <see cref="HttpClient"/> with one pipeline.</summary>
public static class OpenAIAssistantsServiceCollectionExtensions
{
    /// <summary>The name of the <see cref="HttpClient"/> the four interfaces share.</summary>
    public const string HttpClientName = "OpenAiApi.Refit";

    /// <summary>Registers the four Assistants interfaces, configured by a delegate; options are validated when the host starts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options (at least <see cref="OpenAIAssistantsClientOptions.ApiKey"/>).</param>
    /// <returns>The builder of the shared <see cref="HttpClient"/>, to add handlers of your own.</returns>
    public static IHttpClientBuilder AddOpenAIAssistants(this IServiceCollection services, Action<OpenAIAssistantsClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<OpenAIAssistantsClientOptions>().Configure(configure);
        return AddCore(services);
    }

    /// <summary>Registers the four Assistants interfaces, bound to a configuration section (e.g. <c>"OpenAI"</c> with
    /// <c>ApiKey</c>, <c>BaseAddress</c>, <c>MaxRetries</c>…); reloads apply to later requests; options are validated when the host starts.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section.</param>
    /// <returns>The builder of the shared <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder AddOpenAIAssistants(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<OpenAIAssistantsClientOptions>().Bind(configuration);
        return AddCore(services);
    }

    private static IHttpClientBuilder AddCore(IServiceCollection services)
    {
        if (services.Any(static d => d.ServiceType == typeof(OpenAIRefitSettingsFactory)))
        {
            return services.AddHttpClient(HttpClientName); // registered already: one pipeline, handlers added once
        }

        services.AddOptions<OpenAIAssistantsClientOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OpenAIAssistantsClientOptions>, OpenAIAssistantsClientOptionsValidator>());
        services.PostConfigure<OpenAIAssistantsClientOptions>(static options =>
        {
            if (options.AzureEndpoint is { IsAbsoluteUri: true } endpoint)
            {
                options.BaseAddress = OpenAIAssistantsClientOptions.AzureBaseAddressOf(endpoint); // the Azure profile, also when bound from configuration
            }
        });
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<OpenAIRefitSettingsFactory>();
        services.AddSingleton<OpenAIResiliencePolicies>();
        services.AddSingleton<OpenAIClientDiagnostics>();
        services.AddTransient<OpenAITelemetryHandler>();
        services.AddTransient<PolicyContextHandler>();
        services.AddTransient<ResponseClassificationHandler>();
        services.AddTransient<AuthenticationHandler>();
        services.AddSingleton<OpenAIHttpClientLogger>();

        static RefitSettings Settings(IServiceProvider sp) => sp.GetRequiredService<OpenAIRefitSettingsFactory>().Settings;
        services.AddRefitGeneratedClient<IAssistantsApi>(Settings, HttpClientName);
        services.AddRefitGeneratedClient<IThreadsApi>(Settings, HttpClientName);
        services.AddRefitGeneratedClient<IMessagesApi>(Settings, HttpClientName);
        IHttpClientBuilder builder = services.AddRefitGeneratedClient<IRunsApi>(Settings, HttpClientName);
        AttachDiagnostics<IAssistantsApi>(services);
        AttachDiagnostics<IThreadsApi>(services);
        AttachDiagnostics<IMessagesApi>(services);
        AttachDiagnostics<IRunsApi>(services);

        builder
            .ConfigureHttpClient(static (sp, client) =>
            {
                Uri baseAddress = sp.GetRequiredService<IOptionsMonitor<OpenAIAssistantsClientOptions>>().CurrentValue.BaseAddress;
                client.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // attempts have their own timeout; the caller's token bounds the whole call
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            })
            .AddHttpMessageHandler<OpenAITelemetryHandler>()
            .AddHttpMessageHandler<PolicyContextHandler>()
            .AddPolicyHandler(static (sp, request) => sp.GetRequiredService<OpenAIResiliencePolicies>().GetRetryPolicy(request))
            .AddPolicyHandler(static (sp, _) => sp.GetRequiredService<OpenAIResiliencePolicies>().GetAttemptTimeoutPolicy())
            .AddHttpMessageHandler<ResponseClassificationHandler>()
            .AddHttpMessageHandler<AuthenticationHandler>()
            .RedactLoggedHeaders(static _ => true)
            .RemoveAllLoggers() // the default loggers keep raw header values (the key) in their structured state
            .AddLogger<OpenAIHttpClientLogger>();
        return builder;
    }

    /// <summary>Wraps the registration of a client so every instance carries the logger and provider of this registration, which the
    /// run helpers (extension methods that see only the interface) log and tag with (<see cref="OpenAIClientDiagnostics"/>).</summary>
    private static void AttachDiagnostics<T>(IServiceCollection services)
        where T : class
    {
        for (int i = services.Count - 1; i >= 0; i--)
        {
            ServiceDescriptor descriptor = services[i];
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Describe(
                    typeof(T),
                    sp => sp.GetRequiredService<OpenAIClientDiagnostics>().Attach(factory(sp)),
                    descriptor.Lifetime);
                return;
            }
        }
    }
}
