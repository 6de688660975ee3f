using Microsoft.Extensions.Configuration;
using OpenAiApi.Refit;
using OpenAiApi.Refit.Pipeline;

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
        return OpenAIAssistantsRegistration.Add(services, HttpClientName);
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
        return OpenAIAssistantsRegistration.Add(services, HttpClientName);
    }
}
