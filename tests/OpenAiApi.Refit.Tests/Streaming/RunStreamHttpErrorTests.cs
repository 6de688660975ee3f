using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;
using static OpenAiApi.Refit.Tests.Streaming.StreamFixtureSupport;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>A stream request answered with an HTTP error or the wrong content before the stream starts: the typed exception, and
/// a retry only where the usual rules allow one.</summary>
public sealed class RunStreamHttpErrorTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    [Property("ReliabilityRow", "28")]
    public void CreateRunStreamingAsync_400JsonBeforeTheStream_ThrowsBadRequestWithoutRetry()
    {
        _stub.Given("POST", RunsPath, """{"error":{"message":"Thread thread_s1 already has an active run run_s0.","type":"invalid_request_error","code":null,"param":null}}""",
            400, ("x-request-id", "req_400"));

        var ex = Assert.ThrowsAsync<OpenAIBadRequestException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.BadRequest));
            Assert.That(ex.ErrorMessage, Is.EqualTo("Thread thread_s1 already has an active run run_s0."));
            Assert.That(ex.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(ex.RequestId, Is.EqualTo("req_400"));
            Assert.That(ex.Message, Does.Not.Contain(ApiKey));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    [Property("ReliabilityRow", "28")]
    public void CreateThreadAndRunStreamingAsync_404OnTheCollectionRoute_ThrowsApiUnavailable()
    {
        _stub.Given("POST", "/v1/threads/runs", """{"error":{"message":"Not found","type":"invalid_request_error","code":null,"param":null}}""", 404);

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Threads.CreateThreadAndRunStreamingAsync(new ThreadAndRunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.BaseAddress, Is.EqualTo(new Uri(_stub.Server.Url! + "/v1/")), "the client's base address, not one guessed from the path");
    }

    [Test]
    public void CreateRunStreamingAsync_429WithAnHttpDateRetryAfter_MeasuresItOnTheClientsClock()
    {
        // The stream's error goes through the client's one error translator, so an HTTP-date Retry-After is measured from the registered
        // clock (the fixture's, 2026-11-25 12:00:00 UTC), like every other call's: 30 s here, whatever the real date is.
        _stub.Given("POST", RunsPath, """{"error":{"message":"Slow down","type":"requests","code":"rate_limit_exceeded","param":null}}""",
            429, ("Retry-After", _stub.Time.Now.AddSeconds(30).ToString("r", System.Globalization.CultureInfo.InvariantCulture)), ("x-should-retry", "false"));

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    [Property("ReliabilityRow", "28")]
    public async Task CreateRunStreamingAsync_503ThenStream_IsRetriedBeforeTheStreamStarts()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath(RunsPath)).InScenario("stream-503").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Content-Type", "application/json")
                .WithBody("""{"error":{"message":"Overloaded","type":"server_error","code":null,"param":null}}"""));
        _stub.Server.Given(Request.Create().UsingPost().WithPath(RunsPath)).InScenario("stream-503").WhenStateIs("ok").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
                .WithBody(Sse(("thread.run.created", Run("queued")), ("thread.run.completed", RunCompleted), Done)));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
            Assert.That(_stub.LogEntries.Select(e => BodyOf(e).GetProperty("stream").GetBoolean()), Is.All.True);
            Assert.That(_stub.Time.Delays, Has.Count.EqualTo(1), "one backoff wait, on the injected clock");
        });
    }

    [Test]
    [Property("ReliabilityRow", "15")]
    public void CreateRunStreamingAsync_200WithJsonInsteadOfAStream_ThrowsResponseValidation()
    {
        _stub.Given("POST", RunsPath, Run("queued"));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.ContentType, Does.StartWith("application/json"));
        Assert.That(ex.Message, Does.Contain("text/event-stream"));
    }
}
