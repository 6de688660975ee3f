using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// The seams between the single-job handlers: what runs once per attempt (inside the retry policy: the key or token, asked again for
/// the retry, the default headers, the Azure profile's query and headers) and what runs once per call (outside it: content logging);
/// and that the profile is read per request, so options reloaded from OpenAI to Azure change the next call. A 503 with
/// <c>retry-after-ms: 1</c> makes each retry wait one millisecond. Self-contained: its own server and its own service providers.
/// </summary>
public sealed class HandlerSeamTests
{
    private const string ApiVersion = "2024-07-01-preview";
    private const string AssistantPath = "/openai/assistants/asst_abc";
    private const string ErrorJson = """{"error":{"message":"Overloaded","type":"server_error","param":null,"code":null}}""";

    private WireMockServer _server = null!;

    [OneTimeSetUp]
    public void Start() => _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    [OneTimeTearDown]
    public void Stop() => _server.Dispose();

    [TearDown]
    public void Reset() => _server.Reset();

    private Uri BaseAddress => new(_server.Url + "/openai/");

    [Test]
    public async Task OpenAIKeyProvider_RetriedCall_EveryAttemptAsksForTheKeyAndCarriesTheDefaultHeaders()
    {
        int calls = 0;
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = BaseAddress;
            o.ApiKeyProvider = _ => ValueTask.FromResult($"sk-vault-{Interlocked.Increment(ref calls)}");
            o.Organization = "org-123";
            o.Project = "proj_456";
            o.BetaHeader = "assistants=v3";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        GivenInTurn(AssistantPath, (503, ErrorJson), (200, RunsJson.Assistant("asst_abc", "Helper")));

        Assistant assistant = await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc");

        Assert.That(assistant.Id, Is.EqualTo("asst_abc"));
        List<ILogEntry> attempts = Requests();
        Assert.Multiple(() =>
        {
            Assert.That(attempts.Select(e => HeaderOf(e, "Authorization")), Is.EqualTo(new[] { "Bearer sk-vault-1", "Bearer sk-vault-2" }),
                "the key is asked for on every attempt, the retry included");
            Assert.That(attempts.Select(e => HeaderOf(e, "OpenAI-Organization")), Is.All.EqualTo("org-123"));
            Assert.That(attempts.Select(e => HeaderOf(e, "OpenAI-Project")), Is.All.EqualTo("proj_456"));
            Assert.That(attempts.Select(e => HeaderOf(e, "OpenAI-Beta")), Is.All.EqualTo("assistants=v3"));
            Assert.That(attempts.Select(e => HeaderOf(e, "User-Agent")), Is.All.StartsWith("OpenAiApi.Refit/"));
            Assert.That(attempts.Select(e => HeaderOf(e, "api-key")), Is.All.Null, "no Azure header under the OpenAI profile");
            Assert.That(attempts.Select(e => e.RequestMessage.Query!.ContainsKey("api-version")), Is.All.False);
        });
    }

    [Test]
    public async Task AzureTokenProvider_RetriedCall_EveryAttemptAsksForTheTokenAndCarriesApiVersionOnce()
    {
        int calls = 0;
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.UseAzure(new Uri(_server.Url + "/"), ApiVersion, _ => ValueTask.FromResult($"entra-token-{Interlocked.Increment(ref calls)}"));
            o.Organization = "org-123";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        GivenInTurn(AssistantPath, (503, ErrorJson), (200, RunsJson.Assistant("asst_abc", "Helper")));

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc");

        List<ILogEntry> attempts = Requests();
        Assert.Multiple(() =>
        {
            Assert.That(attempts.Select(e => HeaderOf(e, "Authorization")), Is.EqualTo(new[] { "Bearer entra-token-1", "Bearer entra-token-2" }),
                "the token is asked for on every attempt, the retry included");
            Assert.That(attempts.Select(e => e.RequestMessage.Query!["api-version"]), Is.All.EqualTo(new[] { ApiVersion }));
            Assert.That(attempts.Select(e => HeaderOf(e, "api-key")), Is.All.Null);
            Assert.That(attempts.Select(e => HeaderOf(e, "OpenAI-Beta")), Is.All.Null, "Azure takes no OpenAI-Beta");
            Assert.That(attempts.Select(e => HeaderOf(e, "OpenAI-Organization")), Is.All.EqualTo("org-123"));
            Assert.That(attempts.Select(e => HeaderOf(e, "User-Agent")), Is.All.StartsWith("OpenAiApi.Refit/"));
        });
    }

    [Test]
    public async Task ContentLogging_RetriedCall_LogsTheRequestOnceAndOnlyTheFinalResponse()
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = BaseAddress;
            o.ApiKey = "sk-test-key";
            o.EnableContentLogging = true;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        const string RunsPath = "/openai/threads/" + RunsJson.ThreadId + "/runs";
        GivenInTurn(RunsPath, (503, ErrorJson), (200, RunsJson.Run("queued")));

        await provider.GetRequiredService<IRunsApi>().CreateRunAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Instructions = "Be brief." });

        Assert.That(Requests(), Has.Count.EqualTo(2), "the call was retried");
        IReadOnlyList<FakeLogRecord> records = provider.GetFakeLogCollector().GetSnapshot();
        FakeLogRecord request = records.Single(r => r.Id.Id == 5);
        FakeLogRecord response = records.Single(r => r.Id.Id == 6);
        Assert.Multiple(() =>
        {
            Assert.That(JsonDocument.Parse(StateOf(request, "Content")!).RootElement.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
            Assert.That(StateOf(response, "StatusCode"), Is.EqualTo("200"), "the 503 of the first attempt is not logged as a body");
            Assert.That(JsonDocument.Parse(StateOf(response, "Content")!).RootElement.GetProperty("id").GetString(), Is.EqualTo(RunsJson.RunId));
        });
    }

    [Test]
    public async Task ProfileReloadedFromOpenAIToAzure_NextCallUsesTheAzureProfile()
    {
        var memory = new MemoryConfigurationProvider(new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["ApiKey"] = "sk-one-key", ["BaseAddress"] = BaseAddress.AbsoluteUri },
        });
        var configuration = new ConfigurationRoot([memory]);
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(configuration);
        await using ServiceProvider provider = services.BuildServiceProvider();
        _server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(RunsJson.Assistant("asst_abc", "Helper")));

        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc");
        memory.Set("AzureEndpoint", _server.Url + "/");
        memory.Set("AzureApiVersion", ApiVersion);
        configuration.Reload();
        await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc");

        List<ILogEntry> calls = Requests();
        Assert.That(calls, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(HeaderOf(calls[0], "Authorization"), Is.EqualTo("Bearer sk-one-key"));
            Assert.That(HeaderOf(calls[0], "api-key"), Is.Null);
            Assert.That(HeaderOf(calls[0], "OpenAI-Beta"), Is.EqualTo("assistants=v2"));
            Assert.That(calls[0].RequestMessage.Query!.ContainsKey("api-version"), Is.False);

            Assert.That(HeaderOf(calls[1], "Authorization"), Is.Null);
            Assert.That(HeaderOf(calls[1], "api-key"), Is.EqualTo("sk-one-key"));
            Assert.That(HeaderOf(calls[1], "OpenAI-Beta"), Is.Null);
            Assert.That(calls[1].RequestMessage.Query!["api-version"], Is.EqualTo(new[] { ApiVersion }));
        });
    }

    /// <summary>Answers GET or POST <paramref name="path"/> with the responses in turn (the last repeats); every error asks for a
    /// retry after one millisecond.</summary>
    private void GivenInTurn(string path, params (int Status, string Json)[] responses)
    {
        string scenario = Guid.NewGuid().ToString("N");
        for (int i = 0; i < responses.Length; i++)
        {
            IResponseBuilder response = Response.Create()
                .WithStatusCode(responses[i].Status)
                .WithHeader("Content-Type", "application/json")
                .WithHeader("retry-after-ms", "1")
                .WithBody(responses[i].Json);
            IRespondWithAProvider given = _server.Given(Request.Create().UsingMethod("GET", "POST").WithPath(path)).InScenario(scenario);
            if (i > 0)
            {
                given = given.WhenStateIs("state" + i);
            }

            if (i < responses.Length - 1)
            {
                given = given.WillSetStateTo("state" + (i + 1));
            }

            given.RespondWith(response);
        }
    }

    private List<ILogEntry> Requests() => [.. _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)];

    private static string? HeaderOf(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers && headers.TryGetValue(name, out WireMock.Types.WireMockList<string>? values) ? values.Single() : null;

    private static string? StateOf(FakeLogRecord record, string key) =>
        record.StructuredState?.FirstOrDefault(p => p.Key == key).Value;
}
