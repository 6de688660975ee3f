using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Logging;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Registration from configuration, double registration, key rotation and the facade (DESIGN §4). Each test builds its own
/// provider against the fixture's server.</summary>
public sealed class ConfigurationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";

    private string BaseAddress => _stub.Server.Url + "/v1/";

    [Test]
    public async Task AddOpenAIAssistantsFromConfiguration_BindsEverySetting_AndSendsTheHeaders()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:ApiKey"] = "sk-config-key",
            ["OpenAI:BaseAddress"] = BaseAddress,
            ["OpenAI:MaxRetries"] = "1",
            ["OpenAI:BetaHeader"] = "assistants=v3",
            ["OpenAI:Organization"] = "org-123",
            ["OpenAI:Project"] = "proj_456",
        }).Build();
        await using ServiceProvider provider = BuildFromConfiguration(configuration.GetSection("OpenAI"));
        _stub.Given("GET", AssistantPath, AssistantJson);
        _stub.Given("GET", "/v1/threads/thread_abc123", ErrorJson("Overloaded", "server_error", null, null), 503);

        AssertAssistant(await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await provider.GetRequiredService<IThreadsApi>().GetThreadAsync("thread_abc123"));

        OpenAIAssistantsClientOptions options = provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;
        Assert.Multiple(() =>
        {
            Assert.That(options.ApiKey, Is.EqualTo("sk-config-key"));
            Assert.That(options.BaseAddress, Is.EqualTo(new Uri(BaseAddress)));
            Assert.That(options.MaxRetries, Is.EqualTo(1));
            Assert.That(options.BetaHeader, Is.EqualTo("assistants=v3"));
            Assert.That(options.Organization, Is.EqualTo("org-123"));
            Assert.That(options.Project, Is.EqualTo("proj_456"));
        });

        ILogEntry get = _stub.LogEntries[0];
        Assert.Multiple(() =>
        {
            Assert.That(get.RequestMessage.Path, Is.EqualTo(AssistantPath));
            Assert.That(HeaderOf(get, "Authorization"), Is.EqualTo("Bearer sk-config-key"));
            Assert.That(HeaderOf(get, "OpenAI-Organization"), Is.EqualTo("org-123"));
            Assert.That(HeaderOf(get, "OpenAI-Project"), Is.EqualTo("proj_456"));
            Assert.That(get.RequestMessage.Headers!["OpenAI-Beta"], Is.EqualTo(new[] { "assistants=v3" }), "the override replaces the default, not added to it");
            Assert.That(_stub.LogEntries.Count(e => e.RequestMessage.Path == "/v1/threads/thread_abc123"), Is.EqualTo(2), "MaxRetries = 1 was bound");
        });
    }

    [Test]
    public async Task AddOpenAIAssistantsFromConfiguration_EmptyBetaHeader_SendsNoBetaHeader()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ApiKey"] = "sk-config-key",
            ["BaseAddress"] = BaseAddress,
            ["BetaHeader"] = string.Empty,
        }).Build();
        await using ServiceProvider provider = BuildFromConfiguration(configuration);
        _stub.Given("GET", AssistantPath, AssistantJson);

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");

        Assert.That(_stub.SingleRequest.RequestMessage.Headers!.Keys, Has.None.EqualTo("OpenAI-Beta").IgnoreCase);
        Assert.That(HeaderOf(_stub.SingleRequest, "Authorization"), Is.EqualTo("Bearer sk-config-key"));
    }

    [Test]
    public async Task AddOpenAIAssistants_DefaultOptions_SendNoOrganizationOrProject()
    {
        await using ServiceProvider provider = BuildProvider(new Uri(BaseAddress), _stub.Time);
        _stub.Given("GET", AssistantPath, AssistantJson);

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");

        AssertRequest(_stub.SingleRequest, "GET", AssistantPath);
        Assert.That(_stub.SingleRequest.RequestMessage.Headers!.Keys, Has.None.EqualTo("OpenAI-Organization").IgnoreCase.And.None.EqualTo("OpenAI-Project").IgnoreCase);
        Assert.That(_stub.SingleRequest.RequestMessage.Headers!["OpenAI-Beta"], Is.EqualTo(new[] { "assistants=v2" }));
        Assert.That(HeaderOf(_stub.SingleRequest, "User-Agent"), Does.StartWith("OpenAiApi.Refit/"));
    }

    [Test]
    public async Task AddOpenAIAssistants_BaseAddressWithoutTrailingSlash_KeepsTheVersionSegmentAndNoClientTimeout()
    {
        await using ServiceProvider provider = BuildProvider(new Uri(_stub.Server.Url + "/v1"), _stub.Time);
        _stub.Given("GET", AssistantPath, AssistantJson);

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");

        AssertRequest(_stub.SingleRequest, "GET", AssistantPath);
        HttpClient client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName);
        Assert.That(client.Timeout, Is.EqualTo(Timeout.InfiniteTimeSpan), "HttpClient.Timeout would bound the whole retry loop");
        Assert.That(client.BaseAddress, Is.EqualTo(new Uri(BaseAddress)));
    }

    [Test]
    public async Task AddOpenAIAssistants_CalledTwice_AddsTheHandlersOnce()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_stub.Time);
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseAddress = new Uri(BaseAddress);
        });
        services.AddOpenAIAssistants(o => o.MaxRetries = 2);
        await using ServiceProvider provider = services.BuildServiceProvider();
        _stub.Given("GET", AssistantPath, ErrorJson("Overloaded", "server_error", null, null), 503);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3), "one retry policy (3 attempts), not two nested ones (9)");
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
        Assert.That(_stub.LogEntries[0].RequestMessage.Headers!["Authorization"], Is.EqualTo(new[] { "Bearer " + ApiKey }));
    }

    [Test]
    public async Task AddOpenAIAssistants_KeyRotatedByConfigurationReload_NextRequestUsesTheNewKey()
    {
        var source = new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["ApiKey"] = "sk-old-key", ["BaseAddress"] = BaseAddress },
        };
        var memory = new MemoryConfigurationProvider(source);
        var root = new ConfigurationRoot([memory]);
        await using ServiceProvider provider = BuildFromConfiguration(root);
        _stub.Given("GET", AssistantPath, AssistantJson);
        IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();

        await assistants.GetAssistantAsync("asst_abc123");
        memory.Set("ApiKey", "sk-new-key");
        root.Reload();
        await assistants.GetAssistantAsync("asst_abc123");
        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");

        Assert.That(_stub.LogEntries.Select(e => HeaderOf(e, "Authorization")), Is.EqualTo(new[] { "Bearer sk-old-key", "Bearer sk-new-key", "Bearer sk-new-key" }));
    }

    [Test]
    public async Task AddOpenAIAssistants_KeyProvider_IsAskedOnEveryAttempt()
    {
        int calls = 0;
        await using ServiceProvider provider = BuildProvider(new Uri(BaseAddress), _stub.Time, o =>
        {
            o.ApiKey = null;
            o.ApiKeyProvider = _ => ValueTask.FromResult($"sk-vault-{Interlocked.Increment(ref calls)}");
        });
        _stub.Given("GET", AssistantPath, AssistantJson);

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");
        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123");

        Assert.That(_stub.LogEntries.Select(e => HeaderOf(e, "Authorization")), Is.EqualTo(new[] { "Bearer sk-vault-1", "Bearer sk-vault-2" }));
    }

    [Test]
    public async Task Facade_AgainstWireMock_SendsAndParses()
    {
        await using var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions
        {
            ApiKey = ApiKey,
            BaseAddress = new Uri(BaseAddress),
            Organization = "org-facade",
        });
        _stub.Given("GET", AssistantPath, AssistantJson);
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", RunJson);

        Assistant assistant = await client.Assistants.GetAssistantAsync("asst_abc123");
        ThreadRun run = await client.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { Instructions = "Be brief." });

        AssertAssistant(assistant);
        AssertRun(run);
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
        AssertRequest(_stub.LogEntries[0], "GET", AssistantPath);
        AssertRequest(_stub.LogEntries[1], "POST", "/v1/threads/thread_abc123/runs");
        Assert.That(HeaderOf(_stub.LogEntries[0], "OpenAI-Organization"), Is.EqualTo("org-facade"));
        var body = BodyOf(_stub.LogEntries[1]);
        Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
        Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
    }

    [Test]
    public async Task Facade_ValidatesArgumentsAndTranslatesErrors()
    {
        await using var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = ApiKey, BaseAddress = new Uri(BaseAddress), MaxRetries = 0 });
        _stub.Given("GET", AssistantPath, ErrorJson("No such assistant", "invalid_request_error", null, null), 404);

        Assert.ThrowsAsync<ArgumentException>(async () => await client.Assistants.GetAssistantAsync(".."));
        Assert.ThrowsAsync<OpenAINotFoundException>(async () => await client.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase(" ")]
    public void Facade_InvalidKey_ThrowsOptionsValidationAtConstruction(string? key)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = key, BaseAddress = new Uri(BaseAddress) }));

        Assert.That(ex!.Message, Does.Contain("ApiKey"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "33")]
    public void Facade_HttpNonLoopbackAddress_ThrowsOptionsValidationAtConstruction()
    {
        Assert.Throws<OptionsValidationException>(() => new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = ApiKey, BaseAddress = new Uri("http://api.example.com/v1/") }));
    }

    [Test]
    public async Task Facade_OptionsChangedAfterConstruction_HaveNoEffect()
    {
        var options = new OpenAIAssistantsClientOptions { ApiKey = ApiKey, BaseAddress = new Uri(BaseAddress) };
        await using var client = new OpenAIAssistantsClient(options);
        options.ApiKey = "sk-changed-later";
        _stub.Given("GET", AssistantPath, AssistantJson);

        await client.Assistants.GetAssistantAsync("asst_abc123");

        Assert.That(HeaderOf(_stub.SingleRequest, "Authorization"), Is.EqualTo("Bearer " + ApiKey));
    }

    private ServiceProvider BuildFromConfiguration(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_stub.Time);
        services.AddOpenAIAssistants(configuration);
        return services.BuildServiceProvider();
    }
}
