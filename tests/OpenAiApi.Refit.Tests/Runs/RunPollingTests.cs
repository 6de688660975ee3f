using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.Logging;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Runs;

public sealed class RunPollingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private static readonly (string, string)[] NoHeaders = [];

    private RunWaitOptions Recording(TimeSpan? interval = null) =>
        new() { PollInterval = interval ?? TimeSpan.FromMilliseconds(700), TimeProvider = _stub.Time };

    [Test]
    public async Task WaitForRun_QueuedThenInProgressThenCompleted_PollsUntilCompletedAndReturnsTheLastRun()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording());

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(run.Id, Is.EqualTo(RunsJson.RunId));
            Assert.That(run.ThreadId, Is.EqualTo(RunsJson.ThreadId));
            Assert.That(run.AssistantId, Is.EqualTo("asst_abc"));
            Assert.That(run.CompletedAt, Is.EqualTo(1700000050));
            Assert.That(run.Usage?.TotalTokens, Is.EqualTo(46));
            Assert.That(_stub.Wire(), Is.EqualTo(new[] { "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath }));
            Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(700), TimeSpan.FromMilliseconds(700) }));
        });
        AssertAllAuthenticated(_stub.LogEntries);
    }

    [TestCase("requires_action")]
    [TestCase("completed")]
    [TestCase("failed")]
    [TestCase("cancelled")]
    [TestCase("expired")]
    [TestCase("incomplete")]
    public async Task WaitForRun_StopStatus_StopsAtOnce(string status)
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress"), RunsJson.Run(status), RunsJson.Run("in_progress"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording());

        Assert.That(run.Status?.Value, Is.EqualTo(status));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task WaitForRun_RequiresAction_ReturnsTheToolCalls()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("requires_action", toolCalls: ("call_1", "get_weather", """{"city":"Paris"}""")));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording());

        RunToolCall call = run.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(run.RequiredAction.Type, Is.EqualTo("submit_tool_outputs"));
            Assert.That(call.Id, Is.EqualTo("call_1"));
            Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(call.Function.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
            Assert.That(_stub.Time.Delays, Is.Empty, "a run that already stops is not waited for");
        });
    }

    [Test]
    [Property("ReliabilityRow", "30")]
    public async Task WaitForRun_UnknownAndCancellingStatuses_KeepPolling()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("paused_for_review"), RunsJson.Run("cancelling"), RunsJson.Run("cancelled"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Cancelled));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
    }

    [Test]
    [Property("ReliabilityRow", "30")]
    public async Task WaitForRun_PollAfterHeader_DelaysByTheHeaderElseByPollInterval()
    {
        _stub.GivenSequence(
            "GET",
            RunsJson.RunPath,
            (RunsJson.Run("queued"), [("openai-poll-after-ms", "250")]),
            (RunsJson.Run("in_progress"), NoHeaders),
            (RunsJson.Run("in_progress"), [("openai-poll-after-ms", "1500")]),
            (RunsJson.Run("completed"), NoHeaders));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording(TimeSpan.FromSeconds(2)));

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(2), TimeSpan.FromMilliseconds(1500) }));
    }

    [Test]
    public async Task WaitForRun_NoOptions_UsesOneSecondOnTheSystemClockDefault()
    {
        // A run that is already terminal needs no delay: the defaults are valid and nothing sleeps.
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(new RunWaitOptions().PollInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
        Assert.That(new RunWaitOptions().TimeProvider, Is.Null, "null: the client's clock");
    }

    [Test]
    public async Task WaitForRun_NoTimeProviderInTheOptions_PollsOnTheClockRegisteredWithTheClient()
    {
        // The fixture registers its recording clock in the service provider; a wait that names no clock of its own uses it, so the
        // polls below take no real time and their delays are recorded (TimeProvider.System would really sleep 1 s twice).
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }));
    }

    [Test]
    [Property("ReliabilityRow", "30")]
    public void WaitForRun_CallerCancelsDuringTheThirdDelay_ThrowsAndSendsNothingMore()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, (RunsJson.Run("in_progress"), [("openai-poll-after-ms", "150")]));
        using var cts = new CancellationTokenSource();
        var time = new TestClock
        {
            Decide = (n, _) =>
            {
                if (n < 3)
                {
                    return TimerFiring.AtOnce;
                }

                cts.Cancel();
                return TimerFiring.Never;
            },
        };

        Assert.CatchAsync<OperationCanceledException>(async () =>
            await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = time }, cts.Token));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(time.Delays, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromMilliseconds(150), 3)));
    }

    [Test]
    [Property("ReliabilityRow", "30")]
    public void WaitForRun_CallerCancelsWhileAPollIsInFlight_ThrowsAndSendsNothingMore()
    {
        using var cts = new CancellationTokenSource();
        int polls = 0;
        _stub.GivenCallback("GET", RunsJson.RunPath, _ =>
        {
            if (Interlocked.Increment(ref polls) == 3)
            {
                cts.Cancel();
            }

            return RunsJson.Run("in_progress");
        });

        Assert.CatchAsync<OperationCanceledException>(async () =>
            await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording(), cts.Token));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(polls, Is.EqualTo(3));
    }

    [Test]
    public void WaitForRun_AlreadyCancelledToken_SendsNothing()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("completed"));
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () =>
            await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, Recording(), cts.Token));

        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public void WaitForRun_CallerCancelsWithCancelRunOnCancellation_CancelsTheRunAndStillThrows()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress"));
        _stub.Given("POST", RunsJson.RunPath + "/cancel", RunsJson.Run("cancelling"));
        using var cts = new CancellationTokenSource();
        var time = new TestClock { Decide = (_, _) => { cts.Cancel(); return TimerFiring.Never; } };

        Assert.CatchAsync<OperationCanceledException>(async () => await _stub.Runs.WaitForRunAsync(
            RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = time, CancelRunOnCancellation = true }, cts.Token));

        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "GET " + RunsJson.RunPath, "POST " + RunsJson.RunPath + "/cancel" }));
        AssertRequest(_stub.Requests("POST", RunsJson.RunPath + "/cancel").Single(), "POST", RunsJson.RunPath + "/cancel");
    }

    [Test]
    public async Task WaitForRun_DeadlinePassesWithCancelRunOnTimeout_ThrowsTimeoutAndCancelsTheRun()
    {
        var time = TestClock.Manual();
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress"));
        _stub.Given("POST", RunsJson.RunPath + "/cancel", RunsJson.Run("cancelling"));
        var options = new RunWaitOptions
        {
            PollInterval = TimeSpan.FromSeconds(10),
            Timeout = TimeSpan.FromSeconds(25),
            CancelRunOnTimeout = true,
            TimeProvider = time,
        };

        Task<ThreadRun> wait = _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, options);
        Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(25)), "the deadline");
        for (int i = 0; i < 2; i++)
        {
            Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(10)), "a poll delay");
            time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(10)), "the third poll delay");
        Assert.That(wait.IsCompleted, Is.False);
        time.Advance(TimeSpan.FromSeconds(5));

        TimeoutException? ex = Assert.ThrowsAsync<TimeoutException>(async () => await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(RunsJson.RunId).And.Contain("in_progress").And.Contain("cancelling"));
            Assert.That(_stub.Wire(), Is.EqualTo(new[] { "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath, "POST " + RunsJson.RunPath + "/cancel" }));
        });
        AssertAllAuthenticated(_stub.LogEntries);
    }

    [Test]
    [Property("ReliabilityRow", "30")]
    public async Task WaitForRun_DeadlinePassesWithoutCancelRunOnTimeout_ThrowsTimeoutAndSendsNoCancel()
    {
        var time = TestClock.Manual();
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"));
        var options = new RunWaitOptions { PollInterval = TimeSpan.FromMinutes(1), Timeout = TimeSpan.FromSeconds(5), TimeProvider = time };

        Task<ThreadRun> wait = _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, options);
        Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(5)));
        Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromMinutes(1)));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.ThrowsAsync<TimeoutException>(async () => await wait.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "GET " + RunsJson.RunPath }));
    }

    [Test]
    public async Task WaitForRun_FinishesBeforeTheDeadline_ReturnsTheRun()
    {
        var time = TestClock.Manual();
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));
        var options = new RunWaitOptions { PollInterval = TimeSpan.FromSeconds(10), Timeout = TimeSpan.FromSeconds(25), TimeProvider = time };

        Task<ThreadRun> wait = _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, options);
        Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(25)));
        for (int i = 0; i < 2; i++)
        {
            Assert.That(await time.NextTimerAsync(), Is.EqualTo(TimeSpan.FromSeconds(10)));
            time.Advance(TimeSpan.FromSeconds(10));
        }

        ThreadRun run = await wait.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task CreateRunAndWait_PostsTheRunThenPollsIt()
    {
        _stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"), 200, ("openai-poll-after-ms", "300"));
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress"), RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.CreateRunAndWaitAsync(
            RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Instructions = "Be brief." }, Recording());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST /v1/threads/" + RunsJson.ThreadId + "/runs", "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath }));
        ILogEntry create = _stub.LogEntries.OrderBy(e => e.RequestMessage.DateTime).First();
        AssertRequest(create, "POST", "/v1/threads/" + RunsJson.ThreadId + "/runs");
        Assert.Multiple(() =>
        {
            Assert.That(BodyOf(create).GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc"));
            Assert.That(BodyOf(create).GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
            Assert.That(BodyOf(create).TryGetProperty("stream", out _), Is.False);
            Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(700) }),
                "the first delay follows the create response's hint");
        });
    }

    [Test]
    public async Task CreateRunAndWait_CreatedRunAlreadyStops_SendsNoPoll()
    {
        _stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("failed"));

        ThreadRun run = await _stub.Runs.CreateRunAndWaitAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc"), Recording());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Failed));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task CreateThreadAndRunAndWait_PostsThreadsRunsThenPollsTheNewThread()
    {
        const string newThread = "thread_new";
        const string newRunPath = "/v1/threads/" + newThread + "/runs/run_new";
        _stub.Given("POST", "/v1/threads/runs", RunsJson.Run("queued", "run_new", newThread));
        _stub.GivenSequence("GET", newRunPath, RunsJson.Run("in_progress", "run_new", newThread), RunsJson.Run("completed", "run_new", newThread));

        ThreadRun run = await _stub.Threads.CreateThreadAndRunAndWaitAsync(
            _stub.Runs,
            new ThreadAndRunCreationOptions("asst_abc") { Thread = new ThreadCreationOptions { Metadata = new Dictionary<string, string> { ["k"] = "v" } } },
            Recording());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(run.ThreadId, Is.EqualTo(newThread));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST /v1/threads/runs", "GET " + newRunPath, "GET " + newRunPath }));
        ILogEntry create = _stub.Requests("POST", "/v1/threads/runs").Single();
        AssertRequest(create, "POST", "/v1/threads/runs");
        Assert.That(BodyOf(create).GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc"));
        Assert.That(BodyOf(create).GetProperty("thread").GetProperty("metadata").GetProperty("k").GetString(), Is.EqualTo("v"));
        AssertAllAuthenticated(_stub.LogEntries);
    }

    [Test]
    public void CreateThreadAndRunAndWait_RunWithoutThreadId_ThrowsInvalidOperation()
    {
        _stub.Given("POST", "/v1/threads/runs", """{"id":"run_new","object":"thread.run","status":"queued"}""");

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _stub.Threads.CreateThreadAndRunAndWaitAsync(_stub.Runs, new ThreadAndRunCreationOptions("asst_abc"), Recording()));

        Assert.That(ex!.Message, Does.Contain("run_new").And.Contain("thread_id"));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SubmitToolOutputsAndWait_PostsTheOutputsThenPolls()
    {
        _stub.Given("POST", RunsJson.RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("completed"));

        ThreadRun run = await _stub.Runs.SubmitToolOutputsAndWaitAsync(
            RunsJson.ThreadId, RunsJson.RunId, new ToolOutputsSubmissionOptions([new ToolOutput("call_1", "22 C"), new ToolOutput("call_2", "sunny")]),
            Recording());

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST " + RunsJson.RunPath + "/submit_tool_outputs", "GET " + RunsJson.RunPath }));
        ILogEntry submit = _stub.Requests("POST", RunsJson.RunPath + "/submit_tool_outputs").Single();
        AssertRequest(submit, "POST", RunsJson.RunPath + "/submit_tool_outputs");
        var outputs = BodyOf(submit).GetProperty("tool_outputs").EnumerateArray().ToList();
        Assert.Multiple(() =>
        {
            Assert.That(outputs, Has.Count.EqualTo(2));
            Assert.That(outputs[0].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_1"));
            Assert.That(outputs[0].GetProperty("output").GetString(), Is.EqualTo("22 C"));
            Assert.That(outputs[1].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_2"));
            Assert.That(outputs[1].GetProperty("output").GetString(), Is.EqualTo("sunny"));
            Assert.That(BodyOf(submit).TryGetProperty("stream", out _), Is.False);
        });
    }

    [TestCase("")]
    [TestCase("../assistants")]
    [TestCase(null)]
    [Property("ReliabilityRow", "19")]
    public void WaitForRun_InvalidRunId_ThrowsArgumentExceptionAndSendsNothing(string? runId)
    {
        var ex = Assert.Catch<ArgumentException>(() => _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, runId!));
        Assert.That(ex!.ParamName, Is.EqualTo("runId"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public void WaitForRun_InvalidOptions_ThrowArgumentOutOfRangeAndSendNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { PollInterval = TimeSpan.Zero }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options"));
            Assert.That(() => _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { Timeout = TimeSpan.FromSeconds(-1) }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => _stub.Runs.CreateRunAndWaitAsync(RunsJson.ThreadId, null!), Throws.ArgumentNullException);
            Assert.That(() => _stub.Runs.SubmitToolOutputsAndWaitAsync("bad id", RunsJson.RunId, new ToolOutputsSubmissionOptions([])),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("threadId"));
        });
        Assert.That(_stub.LogEntries, Is.Empty);
    }
}
