using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The log events of the HTTP pipeline (ids 1–4) and of the run helpers (ids 10–12), at Trace level, with content logging off.</summary>
public sealed class LoggingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string RunRoute = "/threads/{threadId}/runs/{runId}";

    [Test]
    public async Task GetRun_Success_LogsRequestSentAndResponseReceivedWithRouteTemplate()
    {
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("in_progress"), 200, ("x-request-id", "req_log_1"));

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        FakeLogRecord sent = _stub.Events(1).Single();
        FakeLogRecord received = _stub.Events(2).Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Id.Name, Is.EqualTo("RequestSent"));
            Assert.That(sent.Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(sent.Category, Is.EqualTo(OpenAIAssistantsTelemetry.HttpLogCategory));
            Assert.That(StateOf(sent, "Method"), Is.EqualTo("GET"));
            Assert.That(StateOf(sent, "Route"), Is.EqualTo(RunRoute));
            Assert.That(StateOf(sent, "Path"), Is.EqualTo(RunsJson.RunPath));
            Assert.That(StateOf(sent, "Operation"), Is.EqualTo("get_run"));
            Assert.That(StateOf(sent, "Attempt"), Is.EqualTo("1"));

            Assert.That(received.Id.Name, Is.EqualTo("ResponseReceived"));
            Assert.That(received.Level, Is.EqualTo(LogLevel.Information));
            Assert.That(StateOf(received, "Route"), Is.EqualTo(RunRoute));
            Assert.That(StateOf(received, "Operation"), Is.EqualTo("get_run"));
            Assert.That(StateOf(received, "StatusCode"), Is.EqualTo("200"));
            Assert.That(StateOf(received, "Attempt"), Is.EqualTo("1"));
            Assert.That(StateOf(received, "RequestId"), Is.EqualTo("req_log_1"));
            Assert.That(double.Parse(StateOf(received, "ElapsedMilliseconds")!, System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(0));
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task GetRun_ContentLoggingOff_LogsNoBody()
    {
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("in_progress"));

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Assert.That(_stub.Events(5), Is.Empty);
        Assert.That(_stub.Events(6), Is.Empty);
        Assert.That(_stub.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("weather bot"), "the body's instructions appear in no log line");
    }

    [Test]
    public async Task GetRun_RetriedAfter429_LogsRetryScheduledWithAttemptDelayAndReason()
    {
        _stub.GivenStatuses("GET", RunsJson.RunPath,
            (429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded","param":null}}""", [("retry-after-ms", "250")]),
            (200, RunsJson.Run("in_progress"), []));

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        FakeLogRecord retry = _stub.Events(4).Single();
        IReadOnlyList<FakeLogRecord> received = _stub.Events(2);
        Assert.Multiple(() =>
        {
            Assert.That(retry.Id.Name, Is.EqualTo("RetryScheduled"));
            Assert.That(retry.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(StateOf(retry, "Method"), Is.EqualTo("GET"));
            Assert.That(StateOf(retry, "Route"), Is.EqualTo(RunRoute));
            Assert.That(StateOf(retry, "Attempt"), Is.EqualTo("1"));
            Assert.That(StateOf(retry, "Reason"), Is.EqualTo("HTTP 429"));
            Assert.That(StateOf(retry, "DelayMilliseconds"), Is.EqualTo("250"));
            Assert.That(received.Select(r => StateOf(r, "StatusCode")), Is.EqualTo(new[] { "429", "200" }));
            Assert.That(received.Select(r => StateOf(r, "Attempt")), Is.EqualTo(new[] { "1", "2" }));
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task WaitForRun_StatusChanges_LogsEachChangeOnce()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = _stub.Time });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        IReadOnlyList<FakeLogRecord> changes = _stub.Events(10);
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(r => r.Id.Name), Is.All.EqualTo("RunStatusChanged"));
            Assert.That(changes.Select(r => r.Category), Is.All.EqualTo(OpenAIAssistantsTelemetry.RunsLogCategory));
            Assert.That(changes.Select(r => StateOf(r, "PreviousStatus") + "->" + StateOf(r, "Status")),
                Is.EqualTo(new[] { "(none)->queued", "queued->in_progress", "in_progress->completed" }));
            Assert.That(changes.Select(r => StateOf(r, "RunId")), Is.All.EqualTo(RunsJson.RunId));
            Assert.That(changes.Select(r => StateOf(r, "ThreadId")), Is.All.EqualTo(RunsJson.ThreadId));
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task RunToCompletion_ToolCalls_LogsEachDispatchAndTheFailure()
    {
        string toolRun = RunsJson.Run("requires_action", toolCalls: [("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "get_time", "{}")]);
        _stub.GivenSequence("GET", RunsJson.RunPath, toolRun, RunsJson.Run("completed"));
        _stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
        _stub.Given("POST", RunsJson.RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        _stub.Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));
        var tools = new FunctionToolSet().Add((string city) => $"Sunny in {city}", "get_weather");

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(
            _stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        Assert.That(result.Rounds, Is.EqualTo(1));
        IReadOnlyList<FakeLogRecord> dispatched = _stub.Events(11);
        FakeLogRecord failed = _stub.Events(12).Single();
        Assert.Multiple(() =>
        {
            Assert.That(dispatched.Select(r => r.Id.Name), Is.All.EqualTo("ToolCallDispatched"));
            Assert.That(dispatched.Select(r => StateOf(r, "FunctionName") + ":" + StateOf(r, "ToolCallId")).Order(),
                Is.EqualTo(new[] { "get_time:call_2", "get_weather:call_1" }));
            Assert.That(dispatched.Select(r => StateOf(r, "RunId")), Is.All.EqualTo(RunsJson.RunId));
            Assert.That(failed.Id.Name, Is.EqualTo("ToolCallFailed"));
            Assert.That(failed.Level, Is.EqualTo(LogLevel.Warning));
            Assert.That(StateOf(failed, "FunctionName"), Is.EqualTo("get_time"));
            Assert.That(StateOf(failed, "ToolCallId"), Is.EqualTo("call_2"));
            Assert.That(StateOf(failed, "Reason"), Does.Contain("Unknown function 'get_time'"));
            Assert.That(_stub.Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("Paris"), "tool arguments are not logged");
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task RunToCompletion_FunctionThrows_LogsToolCallFailedWithTheException()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("requires_action", toolCalls: [("call_9", "explode", "{}")]), RunsJson.Run("completed"));
        _stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
        _stub.Given("POST", RunsJson.RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        _stub.Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));
        var tools = new FunctionToolSet().Add(new Func<string>(() => throw new InvalidOperationException("kaboom")), "explode");

        await _stub.Runs.RunToCompletionAsync(
            _stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        FakeLogRecord failed = _stub.Events(12).Single();
        Assert.Multiple(() =>
        {
            Assert.That(StateOf(failed, "FunctionName"), Is.EqualTo("explode"));
            Assert.That(StateOf(failed, "Reason"), Is.EqualTo("the function threw InvalidOperationException"));
            Assert.That(failed.Exception, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("kaboom"));
        });
    }
}
