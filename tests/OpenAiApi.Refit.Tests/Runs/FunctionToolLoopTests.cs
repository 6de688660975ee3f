using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.Logging;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Runs;

public sealed class FunctionToolLoopTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string CreatePath = "/v1/threads/" + RunsJson.ThreadId + "/runs";
    private const string SubmitPath = RunsJson.RunPath + "/submit_tool_outputs";
    private const string MessagesPath = "/v1/threads/" + RunsJson.ThreadId + "/messages";

    /// <summary>Polls fire at once (100 ms); tool-call timeouts of 30 s never do, unless a test sets a short one.</summary>
    private static RunCompletionOptions Options(TestClock? time = null) => new()
    {
        PollOptions = new RunWaitOptions { PollInterval = TimeSpan.FromMilliseconds(100), TimeProvider = time ?? TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) },
    };

    private void GivenMessages(params string[] messages) =>
        _stub.Given("GET", MessagesPath, RunsJson.Page(messages, "msg_1", "msg_2", hasMore: false));

    private static Dictionary<string, string> OutputsOf(ILogEntry submit) =>
        BodyOf(submit).GetProperty("tool_outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("tool_call_id").GetString()!, o => o.GetProperty("output").GetString()!);

    [Test]
    public async Task RunToCompletion_TwoRoundsWithParallelCalls_SubmitsEachRoundsOutputsAndReturnsTheRunAndItsMessages()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("queued"));
        _stub.GivenSequence(
            "GET",
            RunsJson.RunPath,
            RunsJson.Run("in_progress"),
            RunsJson.Run("requires_action", toolCalls: [("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "get_time", """{"zone":"UTC"}""")]),
            RunsJson.Run("requires_action", toolCalls: ("call_3", "get_weather", """{"city":"Oslo"}""")),
            RunsJson.Run("completed"));
        _stub.GivenSequence("POST", SubmitPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"));
        GivenMessages(RunsJson.Message("msg_1", "Paris is sunny."), RunsJson.Message("msg_2", "Oslo is cold."));

        var weatherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var timeStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new FunctionToolSet()
            .Add(
                async (string city, CancellationToken ct) =>
                {
                    weatherStarted.TrySetResult();
                    await timeStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct); // completes only if both calls run at once
                    return $"{city}: 22 C";
                },
                "get_weather",
                "Gets the weather of a city.")
            .Add(
                async (string zone, CancellationToken ct) =>
                {
                    timeStarted.TrySetResult();
                    await weatherStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                    return new { zone, hour = 12 };
                },
                "get_time",
                "Gets the time in a zone.");

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(
            _stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Tools = [.. tools.ToToolDefinitions()] }, tools, Options());

        Assert.Multiple(() =>
        {
            Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(result.Run.Usage?.TotalTokens, Is.EqualTo(46));
            Assert.That(result.Rounds, Is.EqualTo(2));
            Assert.That(result.Messages.Select(m => m.Id), Is.EqualTo(new[] { "msg_1", "msg_2" }));
            Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "Paris is sunny.", "Oslo is cold." }));
        });

        List<ILogEntry> submits = _stub.Requests("POST", SubmitPath);
        Assert.That(submits, Has.Count.EqualTo(2));
        AssertAllAuthenticated(_stub.LogEntries);
        Dictionary<string, string> round1 = OutputsOf(submits[0]);
        Dictionary<string, string> round2 = OutputsOf(submits[1]);
        Assert.Multiple(() =>
        {
            Assert.That(round1.Keys, Is.EquivalentTo(new[] { "call_1", "call_2" }));
            Assert.That(round1["call_1"], Is.EqualTo("Paris: 22 C"));
            using JsonDocument time = JsonDocument.Parse(round1["call_2"]);
            Assert.That(time.RootElement.GetProperty("zone").GetString(), Is.EqualTo("UTC"));
            Assert.That(time.RootElement.GetProperty("hour").GetInt32(), Is.EqualTo(12));
            Assert.That(round2, Is.EqualTo(new Dictionary<string, string> { ["call_3"] = "Oslo: 22 C" }));
        });

        ILogEntry create = _stub.Requests("POST", CreatePath).Single();
        JsonElement function = BodyOf(create).GetProperty("tools")[0].GetProperty("function");
        Assert.Multiple(() =>
        {
            Assert.That(BodyOf(create).GetProperty("tools")[0].GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(function.GetProperty("name").GetString(), Is.EqualTo("get_weather"));
            Assert.That(function.GetProperty("description").GetString(), Is.EqualTo("Gets the weather of a city."));
            Assert.That(function.GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(function.GetProperty("parameters").GetProperty("properties").TryGetProperty("ct", out _), Is.False);
        });

        ILogEntry list = _stub.Requests("GET", MessagesPath).Single();
        AssertRequest(list, "GET", MessagesPath);
        Assert.Multiple(() =>
        {
            Assert.That(QueryOf(list, "run_id"), Is.EqualTo(RunsJson.RunId));
            Assert.That(QueryOf(list, "order"), Is.EqualTo("asc"));
            Assert.That(QueryOf(list, "limit"), Is.EqualTo("100"));
            Assert.That(_stub.Wire(), Is.EqualTo(new[]
            {
                "POST " + CreatePath, "GET " + RunsJson.RunPath, "GET " + RunsJson.RunPath, "POST " + SubmitPath, "GET " + RunsJson.RunPath, "POST " + SubmitPath,
                "GET " + RunsJson.RunPath, "GET " + MessagesPath,
            }));
        });
    }

    [Test]
    public async Task RunToCompletion_UnknownFunctionAndThrowingFunction_AnswerWithErrorOutputsAndContinue()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: [("call_1", "get_stock", "{}"), ("call_2", "explode", "{}"), ("call_3", "add", """{"a":2,"b":3}""")]));
        _stub.Given("POST", SubmitPath, RunsJson.Run("queued"));
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("completed"));
        GivenMessages();
        var tools = new FunctionToolSet()
            .Add(new Func<string>(() => throw new InvalidOperationException("boom: secret connection string")), "explode")
            .Add((int a, int b) => a + b, "add");

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, Options());

        Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(result.Rounds, Is.EqualTo(1));
        Dictionary<string, string> outputs = OutputsOf(_stub.Requests("POST", SubmitPath).Single());
        Assert.Multiple(() =>
        {
            Assert.That(ErrorOf(outputs["call_1"]), Is.EqualTo("Unknown function 'get_stock'. Available functions: explode, add."));
            Assert.That(ErrorOf(outputs["call_2"]), Is.EqualTo("Function 'explode' failed."));
            Assert.That(outputs["call_2"], Does.Not.Contain("secret"), "no exception detail reaches the model by default");
            Assert.That(outputs["call_3"], Is.EqualTo("5"));
        });
    }

    [Test]
    public async Task RunToCompletion_IncludeDetailedErrors_NamesTheException()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: ("call_1", "explode", "{}")));
        _stub.Given("POST", SubmitPath, RunsJson.Run("completed"));
        GivenMessages();
        var tools = new FunctionToolSet().Add(new Func<string>(() => throw new InvalidOperationException("boom")), "explode");
        RunCompletionOptions options = Options();
        options.IncludeDetailedErrors = true;

        await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, options);

        Dictionary<string, string> outputs = OutputsOf(_stub.Requests("POST", SubmitPath).Single());
        Assert.That(ErrorOf(outputs["call_1"]), Is.EqualTo("Function 'explode' failed: InvalidOperationException: boom"));
    }

    [Test]
    public async Task RunToCompletion_ArgumentsNotAJsonObject_AnswerWithAnErrorAndDoNotCallTheFunction()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: [("call_1", "add", "{\"a\":1,"), ("call_2", "add", "[1,2]")]));
        _stub.Given("POST", SubmitPath, RunsJson.Run("completed"));
        GivenMessages();
        int calls = 0;
        var tools = new FunctionToolSet().Add((int a, int b) => { Interlocked.Increment(ref calls); return a + b; }, "add");

        await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, Options());

        Dictionary<string, string> outputs = OutputsOf(_stub.Requests("POST", SubmitPath).Single());
        Assert.Multiple(() =>
        {
            Assert.That(ErrorOf(outputs["call_1"]), Does.StartWith("The arguments of function 'add' are not a valid JSON object"));
            Assert.That(ErrorOf(outputs["call_2"]), Does.StartWith("The arguments of function 'add' are not a valid JSON object"));
            Assert.That(calls, Is.Zero);
        });
    }

    [Test]
    public async Task RunToCompletion_FunctionSlowerThanToolCallTimeout_AnswersWithATimeoutAndCancelsItsToken()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: ("call_1", "slow", "{}")));
        _stub.Given("POST", SubmitPath, RunsJson.Run("completed"));
        GivenMessages();
        var tokenCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var tools = new FunctionToolSet().Add(
            async (CancellationToken ct) =>
            {
                ct.Register(() => tokenCancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, ct);
                return "never";
            },
            "slow");
        var time = TestClock.FiringUpTo(TimeSpan.FromSeconds(1));
        RunCompletionOptions options = Options(time);
        options.ToolCallTimeout = TimeSpan.FromMilliseconds(500);

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, options);

        Dictionary<string, string> outputs = OutputsOf(_stub.Requests("POST", SubmitPath).Single());
        Assert.Multiple(() =>
        {
            Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(ErrorOf(outputs["call_1"]), Is.EqualTo("Function 'slow' did not finish within 500 ms and was abandoned."));
            Assert.That(time.Delays, Does.Contain(TimeSpan.FromMilliseconds(500)), "the configured timeout was armed");
        });
        await tokenCancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Test]
    public void RunToCompletion_RoundLimitExceeded_ThrowsAfterMaxRoundsSubmissions()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: ("call_1", "add", """{"a":1,"b":1}""")));
        _stub.Given("POST", SubmitPath, RunsJson.Run("requires_action", toolCalls: ("call_2", "add", """{"a":1,"b":1}""")));
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");
        RunCompletionOptions options = Options();
        options.MaxRounds = 2;

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, options));

        Assert.That(ex!.Message, Does.Contain(RunsJson.RunId).And.Contain("2 rounds"));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST " + CreatePath, "POST " + SubmitPath, "POST " + SubmitPath }));
    }

    [Test]
    public async Task RunToCompletion_ExistingRunInRequiresAction_AnswersItWithoutCreatingOne()
    {
        _stub.Given("POST", SubmitPath, RunsJson.Run("completed"));
        GivenMessages(RunsJson.Message("msg_1", "3"));
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("requires_action", toolCalls: ("call_1", "add", """{"a":1,"b":2}""")));
        ThreadRun run = await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(_stub.Messages, run, tools, Options());

        Assert.That(result.Rounds, Is.EqualTo(1));
        Assert.That(result.Messages.Single().Text, Is.EqualTo("3"));
        Assert.That(OutputsOf(_stub.Requests("POST", SubmitPath).Single())["call_1"], Is.EqualTo("3"));
        Assert.That(_stub.Requests("POST", CreatePath), Is.Empty);
        Assert.That(_stub.Requests("GET", RunsJson.RunPath), Has.Count.EqualTo(1), "the run in hand is answered without another poll");
    }

    [Test]
    public void RunToCompletion_CallerCancelsDuringAFunctionWithCancelRunOnCancellation_CancelsTheRunAndSubmitsNothing()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action", toolCalls: ("call_1", "wait", "{}")));
        _stub.Given("POST", RunsJson.RunPath + "/cancel", RunsJson.Run("cancelling"));
        using var cts = new CancellationTokenSource();
        var tools = new FunctionToolSet().Add(
            async (CancellationToken ct) =>
            {
                cts.Cancel();
                await Task.Delay(Timeout.Infinite, ct);
                return "never";
            },
            "wait");
        RunCompletionOptions options = Options();
        options.PollOptions!.CancelRunOnCancellation = true;

        Assert.CatchAsync<OperationCanceledException>(async () =>
            await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, options, cts.Token));

        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST " + CreatePath, "POST " + RunsJson.RunPath + "/cancel" }));
    }

    [Test]
    public void RunToCompletion_RequiresActionWithoutToolCalls_ThrowsInvalidOperation()
    {
        _stub.Given("POST", CreatePath, RunsJson.Run("requires_action"));

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
            await _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), new FunctionToolSet(), Options()));

        Assert.That(ex!.Message, Does.Contain(RunsJson.RunId));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void RunToCompletion_InvalidArguments_ThrowBeforeAnyRequest()
    {
        var tools = new FunctionToolSet();
        Assert.Multiple(() =>
        {
            Assert.That(() => _stub.Runs.RunToCompletionAsync(_stub.Messages, "bad id", new RunCreationOptions("asst_abc"), tools),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("threadId"));
            Assert.That(() => _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), null!),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("tools"));
            Assert.That(() => _stub.Runs.RunToCompletionAsync(null!, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("messages"));
            Assert.That(() => _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { MaxRounds = 0 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("completionOptions"));
            Assert.That(() => _stub.Runs.RunToCompletionAsync(_stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { ToolCallTimeout = TimeSpan.Zero }),
                Throws.InstanceOf<ArgumentOutOfRangeException>());
            Assert.That(() => _stub.Runs.RunToCompletionAsync(_stub.Messages, new ThreadRun { Id = RunsJson.RunId }, tools),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("run.ThreadId"));
        });
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    private static string ErrorOf(string output)
    {
        using JsonDocument document = JsonDocument.Parse(output);
        return document.RootElement.GetProperty("error").GetString()!;
    }
}
