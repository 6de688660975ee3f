using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Telemetry;
using WireMock.Logging;

namespace OpenAiApi.Refit.Tests.Azure;

/// <summary>The Azure OpenAI profile on the wire: <c>{endpoint}/openai/{path}?api-version=…</c>, the key in <c>api-key</c>, no
/// <c>Authorization</c>, no <c>OpenAI-Beta</c>.</summary>
public sealed class AzureProfileTests : TelemetryTestBase
{
    private const string ApiVersion = "2024-05-01-preview";
    private const string AzureRunPath = "/openai/threads/" + RunsJson.ThreadId + "/runs/" + RunsJson.RunId;

    protected override void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.UseAzure(new Uri(Server.Url! + "/"), ApiVersion);

    [Test]
    public async Task GetAssistant_Azure_UsesOpenAIPathApiVersionAndApiKeyHeader()
    {
        Given("GET", "/openai/assistants/asst_abc", RunsJson.Assistant("asst_abc", "Helper"));

        Assistant assistant = await Assistants.GetAssistantAsync("asst_abc");

        Assert.That(assistant.Name, Is.EqualTo("Helper"));
        ILogEntry request = SingleRequest;
        AssertAzure(request);
        Assert.That(request.RequestMessage.Method, Is.EqualTo("GET"));
        Assert.That(request.RequestMessage.Path, Is.EqualTo("/openai/assistants/asst_abc"));
    }

    [Test]
    public async Task ListMessages_WithQuery_AppendsApiVersionOnceBesideTheOtherParameters()
    {
        Given("GET", "/openai/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));

        await Messages.ListMessagesAsync(RunsJson.ThreadId, new MessageCollectionOptions { Limit = 20, Order = ListOrder.Ascending, After = "msg_1" });

        ILogEntry request = SingleRequest;
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
        Given("POST", "/openai/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));

        ThreadRun run = await Runs.CreateRunAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Model = "my-gpt4o-deployment" });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
        ILogEntry request = SingleRequest;
        AssertAzure(request);
        Assert.That(request.RequestMessage.Path, Is.EqualTo("/openai/threads/" + RunsJson.ThreadId + "/runs"));
        Assert.That(BodyOf(request).GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc"));
        Assert.That(BodyOf(request).GetProperty("model").GetString(), Is.EqualTo("my-gpt4o-deployment"));
    }

    [Test]
    public async Task GetRun_Retried_EveryAttemptCarriesApiVersionOnce()
    {
        GivenStatuses("GET", AzureRunPath,
            (500, """{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""", []),
            (200, RunsJson.Run("in_progress"), []));

        await Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Assert.That(Server.LogEntries, Has.Count.EqualTo(2));
        foreach (ILogEntry entry in Server.LogEntries)
        {
            AssertAzure(entry);
        }
    }

    [Test]
    public async Task GetRun_Azure_SpanAndLogsNameTheAzureProviderAndHoldNoKey()
    {
        Given("GET", AzureRunPath, RunsJson.Run("in_progress"));
        using var recorder = new ActivityRecorder();
        using Activity root = TestSource.StartActivity("test")!;

        await Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Activity span = recorder.LibrarySpans(root).Single();
        Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("azure.ai.openai"));
        Assert.That(span.GetTagItem("gen_ai.system"), Is.EqualTo("az.ai.openai"));
        Assert.That(span.GetTagItem("url.template"), Is.EqualTo("/threads/{threadId}/runs/{runId}"));
        Assert.That(Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("api-version"), "the query is not logged");
        AssertNoRecordHoldsTheKey();
    }

    [Test]
    public void Options_Azure_ToStringHidesTheKeyAndNamesTheEndpoint()
    {
        OpenAIAssistantsClientOptions options = Services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;

        Assert.That(options.BaseAddress, Is.EqualTo(new Uri(Server.Url + "/openai/")));
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
