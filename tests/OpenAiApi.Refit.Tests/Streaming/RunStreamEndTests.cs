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

/// <summary>How a run stream ends against WireMock: <c>[DONE]</c>, a clean end before a terminal event, error events, unknown,
/// malformed or oversized events, and stalls (<c>WithSseBody</c> for the timed ones).</summary>
public sealed class RunStreamEndTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    [Property("ReliabilityRow", "24")]
    public async Task CreateRunStreamingAsync_UnknownEvent_IsYieldedRawAndTheStreamGoesOn()
    {
        _stub.GivenStream(RunsPath, Sse(
            ("thread.run.created", Run("queued")),
            ("thread.future.event", """{"x":1,"note":"new"}"""),
            ("thread.future.ping", "not json at all"),
            ("thread.run.completed", RunCompleted),
            Done));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[] { "thread.run.created", "thread.future.event", "thread.future.ping", "thread.run.completed", "done" }));
        var unknown = (UnknownRunStreamEvent)events[1];
        var text = (UnknownRunStreamEvent)events[2];
        Assert.Multiple(() =>
        {
            Assert.That(unknown.Kind, Is.EqualTo(RunStreamEventKind.Unknown));
            Assert.That(unknown.RawJson.GetProperty("x").GetInt32(), Is.EqualTo(1));
            Assert.That(unknown.RawJson.GetProperty("note").GetString(), Is.EqualTo("new"));
            Assert.That(text.RawJson.ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(text.RawJson.GetString(), Is.EqualTo("not json at all"));
            Assert.That(((RunStatusStreamEvent)events[3]).Run.Status, Is.EqualTo(RunStatus.Completed));
        });
    }

    [TestCase("""{"error":{"message":"The server had an error.","type":"server_error","code":"internal_error","param":null}}""", TestName = "CreateRunStreamingAsync_ErrorEventWrapped_ThrowsStreamExceptionWithItsFields")]
    [TestCase("""{"message":"The server had an error.","type":"server_error","code":"internal_error","param":null}""", TestName = "CreateRunStreamingAsync_ErrorEventBare_ThrowsStreamExceptionWithItsFields")]
    [Property("ReliabilityRow", "22")]
    public async Task CreateRunStreamingAsync_ErrorEvent_ThrowsStreamExceptionWithItsFields(string errorData)
    {
        _stub.GivenStream(RunsPath, Sse(
            ("thread.run.created", Run("queued")),
            ("thread.run.in_progress", Run("in_progress")),
            ("error", errorData),
            ("thread.run.completed", RunCompleted),
            Done));
        var seen = new List<string>();

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
                seen.Add(e.EventName);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { "thread.run.created", "thread.run.in_progress" }));
            Assert.That(ex!.EventName, Is.EqualTo("error"));
            Assert.That(ex.ErrorType, Is.EqualTo("server_error"));
            Assert.That(ex.ErrorCode, Is.EqualTo("internal_error"));
            Assert.That(ex.ErrorMessage, Is.EqualTo("The server had an error."));
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(ex.RequestId, Is.EqualTo("req_stream1"));
            Assert.That(ex.Message, Does.Contain("The server had an error.").And.Contain("server_error"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "nothing is re-sent");
        });
    }

    [Test]
    [Property("ReliabilityRow", "23")]
    public async Task CreateRunStreamingAsync_EventsAfterDone_AreIgnored()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.completed", RunCompleted), Done)
            + Sse(("error", """{"message":"late","type":"server_error","code":null,"param":null}"""), ("thread.run.created", Run("queued"))));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
    }

    [Test]
    [Property("ReliabilityRow", "23")]
    public async Task CreateRunStreamingAsync_DoneWithoutEventName_EndsTheStream()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.completed", RunCompleted)) + "data: [DONE]\n\n" + Sse(("thread.run.created", Run("queued"))));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
    }

    [Test]
    public async Task CreateRunStreamingAsync_TerminalRunEventThenEndOfBodyWithoutDone_EndsNormally()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", Run("queued")), ("thread.run.failed", Run("failed"))));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunFailed }));
    }

    [Test]
    [Property("ReliabilityRow", "25")]
    public async Task CreateRunStreamingAsync_CleanEndBeforeTerminalEvent_ThrowsStreamExceptionWithRunId()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", Run("queued")), ("thread.run.in_progress", Run("in_progress")), ("thread.message.delta", MessageDelta1))
            + "event: thread.message.delta\ndata: {\"id\":\"msg_s1\"}"); // a last event without its blank line is dropped by the parser
        var seen = new List<RunStreamEventKind>();

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
                seen.Add(e.Kind);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunInProgress, RunStreamEventKind.MessageDelta }));
            Assert.That(ex!.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(ex.RequestId, Is.EqualTo("req_stream1"));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.Message, Does.Contain("ended before").And.Contain("run_s1"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "the POST is never re-sent");
        });
    }

    [Test]
    [Property("ReliabilityRow", "29")]
    public void CreateRunStreamingAsync_MalformedEventData_ThrowsStreamExceptionWithEventNameAndJsonError()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", Run("queued")), ("thread.message.delta", """{"id":"""), ("thread.run.completed", RunCompleted), Done));

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.EventName, Is.EqualTo("thread.message.delta"));
            Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.Message, Does.Contain("thread.message.delta"));
        });
    }

    [Test]
    [Property("ReliabilityRow", "29")]
    public void CreateRunStreamingAsync_EventDataJsonNull_ThrowsStreamException()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", "null"), Done));

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.EventName, Is.EqualTo("thread.run.created"));
        Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
    }

    [Test]
    public void CreateRunStreamingAsync_EventLargerThanTheLimit_ThrowsStreamException()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", Run("queued")), ("thread.future.big", "\"" + new string('x', 64 * 1024) + "\""), Done));

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            var options = new RunStreamOptions { MaxEventBytes = 16 * 1024 };
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
            {
            }
        });

        Assert.That(ex!.InnerException, Is.InstanceOf<InvalidDataException>());
        Assert.That(ex.RunId, Is.EqualTo("run_s1"));
    }

    [Test]
    [Property("ReliabilityRow", "27")]
    public void CreateRunStreamingAsync_StreamStalls_ThrowsTimeoutWithRunIdAfterTheIdleTimeout()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath(RunsPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
                .WithSseBody(async (_, queue) =>
                {
                    queue.Write(Sse(("thread.run.created", Run("queued"))));
                    await Task.Delay(TimeSpan.FromSeconds(3));
                    queue.Write(Sse(("thread.run.completed", RunCompleted), Done));
                    queue.Close();
                }));
        var seen = new List<RunStreamEventKind>();
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
        {
            var options = new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(200) };
            await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
            {
                seen.Add(e.Kind);
            }
        });

        watch.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated }));
            Assert.That(watch.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2.5)), "the idle timeout fired, not the end of the server's delay");
            Assert.That(ex!.Message, Does.Contain("run_s1"));
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
            var inner = ex.InnerException as OpenAIStreamException;
            Assert.That(inner, Is.Not.Null, "the ids travel in the inner stream exception");
            Assert.That(inner!.RunId, Is.EqualTo("run_s1"));
            Assert.That(inner.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(inner.EventName, Is.EqualTo("thread.run.created"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "the POST is never re-sent");
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_EventsArriveSlowerThanNothingButFasterThanTheIdleTimeout_Completes()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath(RunsPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream")
                .WithSseBody(async (_, queue) =>
                {
                    queue.Write(Sse(("thread.run.created", Run("queued"))));
                    await Task.Delay(150);
                    queue.Write(Sse(("thread.run.in_progress", Run("in_progress"))));
                    await Task.Delay(150);
                    queue.Write(Sse(("thread.run.completed", RunCompleted), Done));
                    queue.Close();
                }));

        var options = new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(1000) };
        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options));

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[]
        {
            RunStreamEventKind.RunCreated, RunStreamEventKind.RunInProgress, RunStreamEventKind.RunCompleted, RunStreamEventKind.Done,
        }));
    }
}
