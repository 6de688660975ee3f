using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Tests.Runs;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using OpenAiApi.Refit.Tests.Infrastructure;

namespace OpenAiApi.Refit.Tests.Azure;

/// <summary>The Azure profile with a bearer token provider, bound from configuration, and its validation.</summary>
public sealed class AzureTokenAndConfigurationTests
{
    private const string ApiVersion = "2024-07-01-preview";

    private WireMockServer _server = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        _server.Given(Request.Create().UsingGet().WithPath("/openai/assistants/asst_abc"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(RunsJson.Assistant("asst_abc", "Helper")));
    }

    [OneTimeTearDown]
    public void Stop() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.ResetLogEntries();

    [Test]
    public async Task GetAssistant_TokenProvider_SendsBearerTokenAndNoApiKey()
    {
        int calls = 0;
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => o.UseAzure(new Uri(_server.Url!), ApiVersion, _ => ValueTask.FromResult($"entra-token-{Interlocked.Increment(ref calls)}")));
        await using ServiceProvider provider = services.BuildServiceProvider();
        IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();

        await assistants.GetAssistantAsync("asst_abc");
        await assistants.GetAssistantAsync("asst_abc");

        var entries = _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(entries.Select(e => e.RequestMessage.Headers!["Authorization"].Single()), Is.EqualTo(new[] { "Bearer entra-token-1", "Bearer entra-token-2" }),
                "the provider is asked on every request");
            Assert.That(entries.Select(e => e.RequestMessage.Headers!.ContainsKey("api-key")), Is.All.False);
            Assert.That(entries.Select(e => e.RequestMessage.Query!["api-version"].Single()), Is.All.EqualTo(ApiVersion));
        });
    }

    [Test]
    public async Task GetAssistant_BoundFromConfiguration_UsesTheAzureProfile()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:ApiKey"] = "azure-key-from-config",
            ["OpenAI:AzureEndpoint"] = _server.Url + "/",
            ["OpenAI:AzureApiVersion"] = ApiVersion,
        }).Build();
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(configuration.GetSection("OpenAI"));
        await using ServiceProvider provider = services.BuildServiceProvider();

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc");

        var request = _server.LogEntries.Single().RequestMessage;
        Assert.Multiple(() =>
        {
            Assert.That(request.Path, Is.EqualTo("/openai/assistants/asst_abc"));
            Assert.That(request.Query!["api-version"].Single(), Is.EqualTo(ApiVersion));
            Assert.That(request.Headers!["api-key"].Single(), Is.EqualTo("azure-key-from-config"));
            Assert.That(request.Headers.ContainsKey("Authorization"), Is.False);
        });
    }

    [Test]
    public void Validation_AzureEndpointWithoutApiVersion_Fails()
    {
        var failure = Validate(o => { o.ApiKey = "k"; o.AzureEndpoint = new Uri("https://res.openai.azure.com/"); });

        Assert.That(failure, Does.Contain("AzureApiVersion is required"));
    }

    [Test]
    public void Validation_AzureEndpointOverPlainHttpNotLoopback_Fails()
    {
        var failure = Validate(o => { o.ApiKey = "k"; o.UseAzure(new Uri("http://res.openai.azure.com/"), ApiVersion); });

        Assert.That(failure, Does.Contain("AzureEndpoint must use https"));
    }

    [Test]
    public void Validation_TokenProviderWithoutEndpoint_Fails()
    {
        var failure = Validate(o => { o.ApiKey = "k"; o.AzureTokenProvider = _ => ValueTask.FromResult("t"); });

        Assert.That(failure, Does.Contain("apply only with AzureEndpoint"));
    }

    [Test]
    public void Validation_AzureWithTokenProviderAndNoKey_Passes()
    {
        var failure = Validate(o => o.UseAzure(new Uri("https://res.openai.azure.com/"), ApiVersion, _ => ValueTask.FromResult("t")));

        Assert.That(failure, Is.Null);
    }

    [Test]
    public void UseAzure_Endpoint_SetsTheOpenAIBaseAddress()
    {
        var options = new OpenAIAssistantsClientOptions().UseAzure(new Uri("https://res.openai.azure.com"), ApiVersion);

        Assert.That(options.BaseAddress, Is.EqualTo(new Uri("https://res.openai.azure.com/openai/")));
        Assert.That(options.AzureApiVersion, Is.EqualTo(ApiVersion));
        Assert.Throws<ArgumentException>(() => new OpenAIAssistantsClientOptions().UseAzure(new Uri("https://res.openai.azure.com"), " "));
    }

    private static string? Validate(Action<OpenAIAssistantsClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(configure);
        using ServiceProvider provider = services.BuildServiceProvider();
        try
        {
            _ = provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;
            return null;
        }
        catch (OptionsValidationException ex)
        {
            return ex.Message;
        }
    }
}
