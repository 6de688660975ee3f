using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Streaming;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// Unusable success bodies, RELIABILITY §1 rows 13, 18 and 21 (rows 14–17 are Pipeline/TransportTests and
/// Operations/UnknownFieldTests, UnknownValueTests, SparseAndExtraFieldTests). Success bodies are limited to 64 KiB in this fixture
/// (<see cref="OpenAIAssistantsClientOptions.MaxResponseContentLength"/>), so the limit is reached with small payloads.
/// </summary>
public sealed class ResponseBodyTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const int Limit = 64 * 1024;
    private const string RunPath = "/v1/threads/thread_abc123/runs/run_abc123";

    private static IEnumerable<TestCaseData> IdlessResources()
    {
        yield return new TestCaseData("GET", "/v1/assistants/asst_abc123", "{}", nameof(Assistant),
            (Func<StubServer, Task>)(t => t.Assistants.GetAssistantAsync("asst_abc123"))).SetArgDisplayNames("GetAssistant {}");
        yield return new TestCaseData("GET", "/v1/threads/thread_abc123", """{"object":"thread","created_at":1699012949}""", nameof(AssistantThread),
            (Func<StubServer, Task>)(t => t.Threads.GetThreadAsync("thread_abc123"))).SetArgDisplayNames("GetThread");
        yield return new TestCaseData("POST", "/v1/threads/thread_abc123/messages", """{"id":null,"object":"thread.message","role":"user"}""", nameof(ThreadMessage),
            (Func<StubServer, Task>)(t => t.Messages.CreateMessageAsync("thread_abc123", MessageCreationOptions.User("Hi")))).SetArgDisplayNames("CreateMessage id null");
        yield return new TestCaseData("GET", RunPath, """{"object":"thread.run","status":"queued"}""", nameof(ThreadRun),
            (Func<StubServer, Task>)(t => t.Runs.GetRunAsync("thread_abc123", "run_abc123"))).SetArgDisplayNames("GetRun (the matrix's body)");
        yield return new TestCaseData("POST", "/v1/threads/thread_abc123/runs", """{"id":"","object":"thread.run","status":"queued"}""", nameof(ThreadRun),
            (Func<StubServer, Task>)(t => t.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123")))).SetArgDisplayNames("CreateRun id empty");
        yield return new TestCaseData("GET", RunPath + "/steps/step_abc123", """{"object":"thread.run.step","type":"message_creation"}""", nameof(RunStep),
            (Func<StubServer, Task>)(t => t.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_abc123"))).SetArgDisplayNames("GetRunStep");
    }

    [Test]
    [Property("ReliabilityRow", "13")]
    public void MalformedJson_ThrowsResponseValidationQuotingTheBodyStart()
    {
        const string body = "{\"id\":\"run_1\",\"status\":";
        _stub.Server.Given(Request.Create().UsingGet().WithPath(RunPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req_cut").WithBody(body));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.RequestId, Is.EqualTo("req_cut"));
            Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(ex.Message, Does.Contain("ThreadRun").And.Contain("Body starts: " + body), "the message names the type and quotes the body");
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "a 200 is never retried");
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "13")]
    public void MalformedResponseChunkFault_ThrowsResponseValidationWithoutRetry()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AssistantJson)
                .WithFault(FaultType.MALFORMED_RESPONSE_CHUNK));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCaseSource(nameof(IdlessResources))]
    [Property("ReliabilityRow", "18")]
    public void ResourceWithoutId_ThrowsResponseValidationWithoutRetry(string method, string path, string json, string typeName, Func<StubServer, Task> call)
    {
        _stub.Given(method, path, json, 200, ("x-request-id", "req_noid"));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await call(_stub));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.RequestId, Is.EqualTo("req_noid"));
            Assert.That(ex.ContentType, Does.StartWith("application/json"));
            Assert.That(ex.Message, Does.Contain("no 'id'").And.Contain(typeName));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "a 200 is never retried, a POST never re-sent");
        });
    }

    [Test]
    [Property("ReliabilityRow", "18")]
    public async Task ResourceWithOnlyItsId_IsAccepted()
    {
        _stub.Given("GET", RunPath, """{"id":"run_abc123"}""");

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        Assert.That(run.Id, Is.EqualTo("run_abc123"), "the id is the one field a resource must have");
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task ChunkedSuccessBodyOverTheLimit_FailsWhileReading()
    {
        string json = AssistantWithDescription(4 * Limit);
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req_chunked")
                .WithBody(_ => json));
        await AssertChunkedAsync("/v1/assistants/asst_abc123");
        _stub.Server.ResetLogEntries();

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.RequestId, Is.EqualTo("req_chunked"));
            Assert.That(ex.Message, Does.Contain($"larger than the limit of {Limit} bytes").And.Contain("MaxResponseContentLength"));
            Assert.That(ex.InnerException, Is.Null, "the limit stopped the read; no transport error");
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "a 200 is never retried");
        });
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task ChunkedSuccessBodyJustUnderTheLimit_IsRead()
    {
        string json = AssistantWithDescription(Limit - 1024);
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(_ => json));
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.InRange(Limit - 1024, Limit));

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        Assert.That(assistant.Id, Is.EqualTo("asst_abc123"));
        Assert.That(assistant.Description, Has.Length.GreaterThan(Limit - 2048).And.All.EqualTo('d'));
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task HugeChunkedErrorBody_KeepsOnlyMaxErrorContentLength()
    {
        string body = new('e', 3_000_000);
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "text/plain").WithHeader("x-request-id", "req_err").WithBody(_ => body));
        await AssertChunkedAsync("/v1/assistants/asst_abc123");
        _stub.Server.ResetLogEntries();

        var ex = Assert.ThrowsAsync<OpenAIBadRequestException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ResponseBody, Is.EqualTo(body[..(64 * 1024)]), "kept up to MaxErrorContentLength (64 Ki by default)");
            Assert.That(ex.Message, Has.Length.LessThan(400));
            Assert.That(ex.RequestId, Is.EqualTo("req_err"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task EventStreamLongerThanTheLimit_IsNotLimitedAsAWhole()
    {
        const int Deltas = 100;
        string delta = """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"TEXT"}}]}}"""
            .Replace("TEXT", new string('t', 2000), StringComparison.Ordinal);
        var events = new List<(string Name, string Data)> { ("thread.run.created", Run("queued")) };
        events.AddRange(Enumerable.Repeat(("thread.message.delta", delta), Deltas));
        events.Add(("thread.run.completed", RunCompleted));
        events.Add(Done);
        string sse = Sse([.. events]);
        Assert.That(Encoding.UTF8.GetByteCount(sse), Is.GreaterThan(3 * Limit), "the stream is far longer than the body limit");
        _stub.Server.Given(Request.Create().UsingPost().WithPath("/v1/threads/thread_s1/runs"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(_ => sse));

        var accumulator = new RunStreamAccumulator();
        await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
        {
            accumulator.Add(e);
        }

        Assert.That(accumulator.Run!.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(accumulator.Messages.Single().Text, Has.Length.EqualTo(Deltas * 2000));
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.MaxResponseContentLength = Limit;

    /// <summary>An assistant whose description makes the JSON about <paramref name="approximateBytes"/> long.</summary>
    private static string AssistantWithDescription(int approximateBytes) =>
        $$"""{"id":"asst_abc123","object":"assistant","created_at":1698984975,"model":"gpt-4o","description":"{{new string('d', approximateBytes)}}","tools":[]}""";

    /// <summary>Checks with a plain client that WireMock sends this body chunked (no Content-Length), so the test exercises the
    /// limit while reading rather than the check of the announced length.</summary>
    private async Task AssertChunkedAsync(string path)
    {
        using var raw = new HttpClient();
        using HttpResponseMessage response = await raw.GetAsync(_stub.Server.Url + path, HttpCompletionOption.ResponseHeadersRead);
        Assert.That(response.Content.Headers.ContentLength, Is.Null, "precondition: a chunked body");
        Assert.That(response.Headers.TransferEncodingChunked, Is.True, "precondition: a chunked body");
    }
}
