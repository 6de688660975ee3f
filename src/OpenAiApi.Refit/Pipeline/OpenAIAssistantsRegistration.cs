using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Diagnostics;
using Refit;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>The body of <c>AddOpenAIAssistants</c>: the one pipeline of the four interfaces (handlers, resilience, Refit settings,
/// options validation), registered once per service collection.</summary>
internal static class OpenAIAssistantsRegistration
{
    /// <summary>Registers the pipeline and the four interfaces on the named client, once.</summary>
    /// <param name="services">The services.</param>
    /// <param name="httpClientName">The name of the shared <see cref="HttpClient"/>.</param>
    /// <returns>The builder of the shared <see cref="HttpClient"/>.</returns>
    public static IHttpClientBuilder Add(IServiceCollection services, string httpClientName)
    {
        if (services.Any(static d => d.ServiceType == typeof(OpenAIRefitSettingsFactory)))
        {
            return services.AddHttpClient(httpClientName); // registered already: one pipeline, handlers added once
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
        services.AddSingleton<OpenAIErrorTranslator>();
        services.AddSingleton<OpenAIClientContext>();
        services.TryAddSingleton<ClientLifetime>(); // disposed with the container: closes the connections, ends the calls in flight
        services.AddTransient<ClientLifetimeHandler>();
        services.AddTransient<OpenAITelemetryHandler>();
        services.AddTransient<ContentLoggingHandler>();
        services.AddTransient<ResponseMetadataCaptureHandler>();
        services.AddTransient<PolicyContextHandler>();
        services.AddTransient<ResponseClassificationHandler>();
        services.AddTransient<OpenAIKeyHandler>();
        services.AddTransient<AzureProfileHandler>();
        services.AddTransient<DefaultHeadersHandler>();
        services.AddSingleton<OpenAIHttpClientLogger>();

        static RefitSettings Settings(IServiceProvider sp) => sp.GetRequiredService<OpenAIRefitSettingsFactory>().Settings;
        services.AddRefitGeneratedClient<IAssistantsApi>(Settings, httpClientName);
        services.AddRefitGeneratedClient<IThreadsApi>(Settings, httpClientName);
        services.AddRefitGeneratedClient<IMessagesApi>(Settings, httpClientName);
        IHttpClientBuilder builder = services.AddRefitGeneratedClient<IRunsApi>(Settings, httpClientName);
        AttachContext<IAssistantsApi>(services);
        AttachContext<IThreadsApi>(services);
        AttachContext<IMessagesApi>(services);
        AttachContext<IRunsApi>(services);

        builder
            .ConfigureHttpClient(static (sp, client) =>
            {
                Uri baseAddress = sp.GetRequiredService<IOptionsMonitor<OpenAIAssistantsClientOptions>>().CurrentValue.BaseAddress;
                client.BaseAddress = baseAddress.AbsoluteUri.EndsWith('/') ? baseAddress : new Uri(baseAddress.AbsoluteUri + "/");
                client.Timeout = Timeout.InfiniteTimeSpan; // attempts have their own timeout; the caller's token bounds the whole call
            })
            .ConfigurePrimaryHttpMessageHandler(static sp => sp.GetRequiredService<ClientLifetime>().Track(new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            }))
            // Outermost first. Once per call, outside the retry policy:
            .AddHttpMessageHandler<ClientLifetimeHandler>()
            .AddHttpMessageHandler<OpenAITelemetryHandler>()          // the operation's span and duration
            .AddHttpMessageHandler<ContentLoggingHandler>()           // the bodies, inside the span; off by default
            .AddHttpMessageHandler<ResponseMetadataCaptureHandler>()  // the final response's metadata, for WithResponseAsync
            .AddHttpMessageHandler<PolicyContextHandler>()
            .AddPolicyHandler(static (sp, request) => sp.GetRequiredService<OpenAIResiliencePolicies>().GetRetryPolicy(request))
            // Once per attempt, inside it (a rotated key or a new token applies to the retry):
            .AddPolicyHandler(static (sp, _) => sp.GetRequiredService<OpenAIResiliencePolicies>().GetAttemptTimeoutPolicy())
            .AddHttpMessageHandler<ResponseClassificationHandler>()
            .AddHttpMessageHandler<OpenAIKeyHandler>()                // OpenAI profile: Authorization: Bearer
            .AddHttpMessageHandler<AzureProfileHandler>()             // Azure profile: api-key or token, api-version, no OpenAI-Beta
            .AddHttpMessageHandler<DefaultHeadersHandler>()           // organization, project, User-Agent, OpenAI-Beta
            .RedactLoggedHeaders(static _ => true)
            .RemoveAllLoggers() // the default loggers keep raw header values (the key) in their structured state
            .AddLogger<OpenAIHttpClientLogger>();
        return builder;
    }

    /// <summary>Wraps Refit's registration of a client so every instance carries the <see cref="OpenAIClientContext"/> of this
    /// registration, through which the helpers (extension methods that see only the interface) reach the client's configuration.
    /// Throws when Refit registered the interface some other way, rather than leave the helpers with the defaults silently.</summary>
    internal static void AttachContext<T>(IServiceCollection services)
        where T : class
    {
        for (int i = services.Count - 1; i >= 0; i--)
        {
            ServiceDescriptor descriptor = services[i];
            if (descriptor.ServiceType == typeof(T) && !descriptor.IsKeyedService && descriptor.ImplementationFactory is { } factory)
            {
                services[i] = ServiceDescriptor.Describe(
                    typeof(T),
                    sp => sp.GetRequiredService<OpenAIClientContext>().Attach(factory(sp)),
                    descriptor.Lifetime);
                return;
            }
        }

        throw new InvalidOperationException(
            $"Refit registered {typeof(T).Name} in a way this library does not know (no factory registration of the interface was found), " +
            "so its clients could not carry the client's configuration to the helpers. Use the Refit version this library was built with.");
    }
}
