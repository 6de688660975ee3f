using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The log events of the HTTP pipeline (ids 1–4) and of the run helpers (ids 10–12), at Trace level, with content logging off.</summary>
public sealed class LoggingTests : TelemetryTestBase
{
    private const string RunRoute = "/threads/{threadId}/runs/{runId}";

    [Test]
    public async Task GetRun_Success_LogsRequestSentAndResponseReceivedWithRouteTemplate()
    {
        Given("GET", RunPath, RunsJson.Run("in_progress"), 200, ("x-request-id", "req_log_1"));

        await Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        FakeLogRecord sent = Events(1).Single();
        FakeLogRecord received = Events(2).Single();
        Assert.Multiple(() =>
        {
            Assert.That(sent.Id.Name, Is.EqualTo("RequestSent"));
            Assert.That(sent.Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(sent.Category, Is.EqualTo(OpenAIAssistantsTelemetry.HttpLogCategory));
            Assert.That(StateOf(sent, "Method"), Is.EqualTo("GET"));
            Assert.That(StateOf(sent, "Route"), Is.EqualTo(RunRoute));
            Assert.That(StateOf(sent, "Path"), Is.EqualTo(RunPath));
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
        AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task GetRun_ContentLoggingOff_LogsNoBody()
    {
        Given("GET", RunPath, RunsJson.Run("in_progress"));

        await Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Assert.That(Events(5), Is.Empty);
        Assert.That(Events(6), Is.Empty);
        Assert.That(Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("weather bot"), "the body's instructions appear in no log line");
    }

    [Test]
    public async Task GetRun_RetriedAfter429_LogsRetryScheduledWithAttemptDelayAndReason()
    {
        GivenStatuses("GET", RunPath,
            (429, """{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded","param":null}}""", [("retry-after-ms", "250")]),
            (200, RunsJson.Run("in_progress"), []));

        await Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        FakeLogRecord retry = Events(4).Single();
        IReadOnlyList<FakeLogRecord> received = Events(2);
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
        AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task WaitForRun_StatusChanges_LogsEachChangeOnce()
    {
        GivenSequence("GET", RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));

        ThreadRun run = await Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = Time });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        IReadOnlyList<FakeLogRecord> changes = Events(10);
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(r => r.Id.Name), Is.All.EqualTo("RunStatusChanged"));
            Assert.That(changes.Select(r => r.Category), Is.All.EqualTo(OpenAIAssistantsTelemetry.RunsLogCategory));
            Assert.That(changes.Select(r => StateOf(r, "PreviousStatus") + "->" + StateOf(r, "Status")),
                Is.EqualTo(new[] { "(none)->queued", "queued->in_progress", "in_progress->completed" }));
            Assert.That(changes.Select(r => StateOf(r, "RunId")), Is.All.EqualTo(RunsJson.RunId));
            Assert.That(changes.Select(r => StateOf(r, "ThreadId")), Is.All.EqualTo(RunsJson.ThreadId));
        });
        AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task RunToCompletion_ToolCalls_LogsEachDispatchAndTheFailure()
    {
        string toolRun = RunsJson.Run("requires_action", toolCalls: [("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "get_time", "{}")]);
        GivenSequence("GET", RunPath, toolRun, RunsJson.Run("completed"));
        Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
        Given("POST", RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));
        var tools = new FunctionToolSet().Add((string city) => $"Sunny in {city}", "get_weather");

        RunCompletionResult result = await Runs.RunToCompletionAsync(
            Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        Assert.That(result.Rounds, Is.EqualTo(1));
        IReadOnlyList<FakeLogRecord> dispatched = Events(11);
        FakeLogRecord failed = Events(12).Single();
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
            Assert.That(Logs.GetSnapshot().Select(r => r.Message), Has.None.Contain("Paris"), "tool arguments are not logged");
        });
        AssertNoRecordHoldsTheKey();
    }

    [Test]
    public async Task RunToCompletion_FunctionThrows_LogsToolCallFailedWithTheException()
    {
        GivenSequence("GET", RunPath, RunsJson.Run("requires_action", toolCalls: [("call_9", "explode", "{}")]), RunsJson.Run("completed"));
        Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
        Given("POST", RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));
        var tools = new FunctionToolSet().Add(new Func<string>(() => throw new InvalidOperationException("kaboom")), "explode");

        await Runs.RunToCompletionAsync(
            Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        FakeLogRecord failed = Events(12).Single();
        Assert.Multiple(() =>
        {
            Assert.That(StateOf(failed, "FunctionName"), Is.EqualTo("explode"));
            Assert.That(StateOf(failed, "Reason"), Is.EqualTo("the function threw InvalidOperationException"));
            Assert.That(failed.Exception, Is.TypeOf<InvalidOperationException>().With.Message.EqualTo("kaboom"));
        });
    }
}
