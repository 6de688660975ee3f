using System.Net;
using System.Net.ServerSentEvents;
using System.Net.Sockets;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;
using static OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure.SampleHarness;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests;

/// <summary>The library's exceptions as problem details: the server's own status, 503 for a server without the Assistants API,
/// 502 when it cannot be reached, and a <c>failure</c> event when the stream breaks after it started.</summary>
public sealed class ErrorMappingTests
{
    private SampleHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartSample() => _harness = await SampleHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopSample() => await _harness.DisposeAsync();

    [SetUp]
    public void ClearFaults() => _harness.Emulator.ClearFaults();

    [Test]
    public async Task CreateThread_WrongApiKey_Returns401ProblemWithTheServersError()
    {
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string> { ["OpenAI:ApiKey"] = "sk-wrong-key" }).CreateClient();

        using HttpResponseMessage response = await http.PostAsync("/api/threads", content: null);
        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.Unauthorized);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(ProblemAssert.String(problem, "title"), Is.EqualTo("The Assistants server refused the request"));
            Assert.That(ProblemAssert.String(problem, "detail"), Does.StartWith("Incorrect API key provided:"));
            Assert.That(ProblemAssert.String(problem, "errorCode"), Is.EqualTo("invalid_api_key"));
            Assert.That(ProblemAssert.String(problem, "errorType"), Is.EqualTo("invalid_request_error"));
            Assert.That((await _harness.EmulatorAssistants.ListAssistantsAsync()).Data, Is.Empty, "nothing was created");
        });
    }

    [Test]
    public async Task StreamReply_WrongApiKey_Returns401ProblemInsteadOfAStream()
    {
        string threadId = await CreateThreadAsync(_harness.Http);
        await PostMessageAsync(_harness.Http, threadId, "hi");
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string>
        {
            ["OpenAI:ApiKey"] = "sk-wrong-key",
            ["Chat:AssistantId"] = "asst_configured", // no lookup first: the run itself is refused
        }).CreateClient();

        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(http, threadId);
        using (response)
        {
            JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.Unauthorized);

            await Assert.MultipleAsync(async () =>
            {
                Assert.That(events, Is.Empty);
                Assert.That(ProblemAssert.String(problem, "errorCode"), Is.EqualTo("invalid_api_key"));
                Assert.That((await _harness.EmulatorRuns.ListRunsAsync(threadId)).Data, Is.Empty);
            });
        }
    }

    [Test]
    public async Task CreateThread_ServerWithoutAssistantsApi_Returns503WithTheExplanation()
    {
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string> { ["OpenAI:BaseAddress"] = _harness.Emulator.RootAddress.ToString() }).CreateClient();

        using HttpResponseMessage response = await http.PostAsync("/api/threads", content: null);
        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.ServiceUnavailable);

        Assert.Multiple(() =>
        {
            Assert.That(ProblemAssert.String(problem, "title"), Is.EqualTo("The configured server has no Assistants API"));
            Assert.That(ProblemAssert.String(problem, "detail"), Does.StartWith($"The server at {_harness.Emulator.RootAddress} has no Assistants API (HTTP 404"));
            Assert.That(ProblemAssert.String(problem, "detail"), Does.Contain("OpenAI retired its hosted Assistants API"));
        });
    }

    [Test]
    public async Task CreateThread_RateLimited_Returns429WithTheServersRetryAfter()
    {
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string> { ["OpenAI:MaxRetries"] = "0" }).CreateClient();
        _harness.Emulator.InjectFault("429;retry-after=7");

        using HttpResponseMessage response = await http.PostAsync("/api/threads", content: null);
        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.TooManyRequests);

        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(ProblemAssert.String(problem, "errorCode"), Is.EqualTo("rate_limit_exceeded"));
        });
    }

    [Test]
    public async Task CreateThread_ServerUnreachable_Returns502Problem()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int closedPort = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop(); // nothing listens there any more: the connection is refused
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string>
        {
            ["OpenAI:BaseAddress"] = $"http://127.0.0.1:{closedPort}/v1/",
            ["OpenAI:MaxRetries"] = "0",
        }).CreateClient();

        using HttpResponseMessage response = await http.PostAsync("/api/threads", content: null);
        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.BadGateway);

        Assert.That(ProblemAssert.String(problem, "title"), Is.EqualTo("The Assistants server could not be reached"));
    }

    [Test]
    public async Task StreamReply_ErrorEventAfterTheStreamStarted_EndsWithAFailureEventInsteadOfDone()
    {
        string threadId = await CreateThreadAsync(_harness.Http);
        await PostMessageAsync(_harness.Http, threadId, "this will break");
        _harness.Emulator.InjectFault("stream-error;after=4");

        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(_harness.Http, threadId);
        using (response)
        {
            JsonElement failure = JsonDocument.Parse(events[^1].Data).RootElement;
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the status line was sent with the first event");
                Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "run", "failure" }));
                Assert.That(failure.GetProperty("status").GetInt32(), Is.EqualTo(502));
                Assert.That(failure.GetProperty("title").GetString(), Is.EqualTo("The run stream failed"));
                Assert.That(failure.GetProperty("errorType").GetString(), Is.EqualTo("server_error"));
                Assert.That(failure.GetProperty("runId").GetString(), Is.EqualTo(Field(events[0], "runId")));
            });
        }
    }
}
