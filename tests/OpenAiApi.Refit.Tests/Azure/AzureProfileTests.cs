using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Telemetry;
using WireMock.Logging;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Azure;

/// <summary>The Azure OpenAI profile on the wire: <c>{endpoint}/openai/{path}?api-version=…</c>, the key in <c>api-key</c>, no
/// <c>Authorization</c>, no <c>OpenAI-Beta</c>.</summary>
public sealed class AzureProfileTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start((stub, options) => options.UseAzure(new Uri(stub.Url + "/"), ApiVersion), fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string ApiVersion = "2024-05-01-preview";
    private const string AzureRunPath = "/openai/threads/" + RunsJson.ThreadId + "/runs/" + RunsJson.RunId;

    [Test]
    public async Task GetAssistant_Azure_UsesOpenAIPathApiVersionAndApiKeyHeader()
    {
        _stub.Given("GET", "/openai/assistants/asst_abc", RunsJson.Assistant("asst_abc", "Helper"));

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc");

        Assert.That(assistant.Name, Is.EqualTo("Helper"));
        ILogEntry request = _stub.SingleRequest;
        AssertAzure(request);
        Assert.That(request.RequestMessage.Method, Is.EqualTo("GET"));
        Assert.That(request.RequestMessage.Path, Is.EqualTo("/openai/assistants/asst_abc"));
    }

    [Test]
    public async Task ListMessages_WithQuery_AppendsApiVersionOnceBesideTheOtherParameters()
    {
        _stub.Given("GET", "/openai/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));

        await _stub.Messages.ListMessagesAsync(RunsJson.ThreadId, new MessageCollectionOptions { Limit = 20, Order = ListOrder.Ascending, After = "msg_1" });

        ILogEntry request = _stub.SingleRequest;
        AssertAzure(request);
        Assert.Multiple(() =>
        {
            Assert.That(QueryOf(request, "limit"), Is.EqualTo("20"));
            Assert.That(QueryOf(request, "order"), Is.EqualTo("asc"));
            Assert.That(QueryOf(request, "after"), Is.EqualTo("msg_1"));
        });
    }

    [Test]
    public async Task CreateRun_Azure_PostsTheBodyToTheOpenAIPath()
    {
        _stub.Given("POST", "/openai/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));

        ThreadRun run = await _stub.Runs.CreateRunAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Model = "my-gpt4o-deployment" });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
        ILogEntry request = _stub.SingleRequest;
        AssertAzure(request);
        Assert.That(request.RequestMessage.Path, Is.EqualTo("/openai/threads/" + RunsJson.ThreadId + "/runs"));
        Assert.That(BodyOf(request).GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc"));
        Assert.That(BodyOf(request).GetProperty("model").GetString(), Is.EqualTo("my-gpt4o-deployment"));
    }

    [Test]
    public async Task GetRun_Retried_EveryAttemptCarriesApiVersionOnce()
    {
        _stub.GivenStatuses("GET", AzureRunPath,
            (500, """{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""", []),
            (200, RunsJson.Run("in_progress"), []));

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
        foreach (ILogEntry entry in _stub.LogEntries)
        {
            AssertAzure(entry);
        }
    }

    [Test]
    public async Task GetRun_Azure_SpanAndLogsNameTheAzureProviderAndHoldNoKey()
    {
        _stub.Given("GET", AzureRunPath, RunsJson.Run("in_progress"));
        using var recorder = new ActivityRecorder();
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Activity span = recorder.LibrarySpans(root).Single();
        Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("azure.ai.openai"));
        Assert.That(span.GetTagItem("gen_ai.system"), Is.EqualTo("az.ai.openai"));
        Assert.That(span.GetTagItem("url.template"), Is.EqualTo("/threads/{threadId}/runs/{runId}"));
        Assert.That(_stub.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("api-version"), "the query is not logged");
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public void Options_Azure_ToStringHidesTheKeyAndNamesTheEndpoint()
    {
        OpenAIAssistantsClientOptions options = _stub.Services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;

        Assert.That(options.BaseAddress, Is.EqualTo(new Uri(_stub.Server.Url + "/openai/")));
        Assert.That(options.ToString(), Does.Contain("AzureApiVersion=" + ApiVersion).And.Not.Contain(ApiKey));
    }

    private static void AssertAzure(ILogEntry entry)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(entry.RequestMessage.Url).Query);
        Assert.Multiple(() =>
        {
            Assert.That(query.GetValues("api-version"), Is.EqualTo(new[] { ApiVersion }), "api-version exactly once");
            Assert.That(HeaderOf(entry, "api-key"), Is.EqualTo(ApiKey));
            Assert.That(HeaderOf(entry, "Authorization"), Is.Null, "no bearer with a key");
            Assert.That(HeaderOf(entry, "OpenAI-Beta"), Is.Null, "no beta header on Azure");
            Assert.That(entry.RequestMessage.Path, Does.StartWith("/openai/"));
        });
    }
}
