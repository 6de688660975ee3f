using System.Diagnostics;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The spans of the <c>OpenAiApi.Refit</c> source: one client span per call (all attempts), <c>wait_for_run</c> and
/// <c>run_to_completion</c> parents, <c>execute_tool</c> children; names, GenAI tags and parent-child links.</summary>
public sealed class TracingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string RunsPath = "/v1/threads/" + RunsJson.ThreadId + "/runs";

    private ActivityRecorder _recorder = null!;

    [OneTimeSetUp]
    public void StartRecorder() => _recorder = new ActivityRecorder();

    [OneTimeTearDown]
    public void StopRecorder() => _recorder.Dispose();

    [Test]
    public async Task GetRun_Success_OneClientSpanWithGenAiAndHttpTags()
    {
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("in_progress"), 200, ("x-request-id", "req_span_1"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Activity span = _recorder.LibrarySpans(root).Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.DisplayName, Is.EqualTo("get_run"));
            Assert.That(span.Kind, Is.EqualTo(ActivityKind.Client));
            Assert.That(span.ParentSpanId, Is.EqualTo(root.SpanId));
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("get_run"));
            Assert.That(span.GetTagItem("gen_ai.system"), Is.EqualTo("openai"));
            Assert.That(span.GetTagItem("gen_ai.provider.name"), Is.EqualTo("openai"));
            Assert.That(span.GetTagItem("http.request.method"), Is.EqualTo("GET"));
            Assert.That(span.GetTagItem("url.template"), Is.EqualTo("/threads/{threadId}/runs/{runId}"));
            Assert.That(span.GetTagItem("server.address"), Is.EqualTo("127.0.0.1"));
            Assert.That(span.GetTagItem("server.port"), Is.EqualTo(new Uri(_stub.Server.Url!).Port));
            Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200));
            Assert.That(span.GetTagItem("openai.request.id"), Is.EqualTo("req_span_1"));
            Assert.That(span.GetTagItem("error.type"), Is.Null);
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Unset));
        });
    }

    [Test]
    public async Task CreateAssistant_Body_NamesTheSpanCreateAgentWithModelAndAgentName()
    {
        _stub.Given("POST", "/v1/assistants", RunsJson.Assistant("asst_new", "Math Tutor"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o-mini") { Name = "Math Tutor" });

        Activity span = _recorder.LibrarySpans(root).Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.DisplayName, Is.EqualTo("create_agent Math Tutor"));
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("create_agent"));
            Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("gpt-4o-mini"));
            Assert.That(span.GetTagItem("gen_ai.agent.name"), Is.EqualTo("Math Tutor"));
        });
    }

    [Test]
    public async Task CreateRun_Body_IsAnInvokeAgentSpanWithAgentIdAndModel()
    {
        _stub.Given("POST", RunsPath, RunsJson.Run("queued"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.CreateRunAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Model = "gpt-4.1" });

        Activity span = _recorder.LibrarySpans(root).Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.DisplayName, Is.EqualTo("invoke_agent"));
            Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("invoke_agent"));
            Assert.That(span.GetTagItem("gen_ai.agent.id"), Is.EqualTo("asst_abc"));
            Assert.That(span.GetTagItem("gen_ai.request.model"), Is.EqualTo("gpt-4.1"));
            Assert.That(span.GetTagItem("url.template"), Is.EqualTo("/threads/{threadId}/runs"));
        });
    }

    [Test]
    public async Task GetRun_RetriedAfter500_OneOperationSpanParentOfBothAttempts()
    {
        _stub.GivenStatuses("GET", RunsJson.RunPath,
            (500, """{"error":{"message":"boom","type":"server_error","param":null,"code":null}}""", []),
            (200, RunsJson.Run("in_progress"), []));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        Activity span = _recorder.LibrarySpans(root).Single();
        IReadOnlyList<Activity> attempts = _recorder.HttpSpans(root);
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(200), "the span ends with the final answer");
            Assert.That(span.GetTagItem("error.type"), Is.Null);
            Assert.That(attempts, Has.Count.EqualTo(2), "two attempts on the wire");
            Assert.That(attempts.Select(a => a.ParentSpanId), Is.All.EqualTo(span.SpanId), "both attempts are children of the operation span");
        });
    }

    [Test]
    public void GetRun_NotFound_SpanHasErrorTypeAndErrorStatus()
    {
        _stub.Given("GET", RunsJson.RunPath, """{"error":{"message":"No run found with id 'run_abc'.","type":"invalid_request_error","param":null,"code":null}}""", 404);
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        Assert.ThrowsAsync<OpenAINotFoundException>(() => _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        Activity span = _recorder.LibrarySpans(root).Single();
        Assert.Multiple(() =>
        {
            Assert.That(span.GetTagItem("error.type"), Is.EqualTo("404"));
            Assert.That(span.GetTagItem("http.response.status_code"), Is.EqualTo(404));
            Assert.That(span.Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }

    [Test]
    public async Task WaitForRun_ThreePolls_WaitSpanIsTheParentOfEachPollAndCarriesTheUsage()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("queued"), RunsJson.Run("in_progress"), RunsJson.Run("completed"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = _stub.Time });

        IReadOnlyList<Activity> spans = _recorder.LibrarySpans(root);
        Activity wait = spans.Single(s => s.DisplayName == "wait_for_run");
        List<Activity> polls = [.. spans.Where(s => s.DisplayName == "get_run")];
        Assert.Multiple(() =>
        {
            Assert.That(spans, Has.Count.EqualTo(4));
            Assert.That(wait.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(wait.ParentSpanId, Is.EqualTo(root.SpanId));
            Assert.That(polls, Has.Count.EqualTo(3));
            Assert.That(polls.Select(p => p.ParentSpanId), Is.All.EqualTo(wait.SpanId));
            Assert.That(wait.GetTagItem("gen_ai.operation.name"), Is.EqualTo("wait_for_run"));
            Assert.That(wait.GetTagItem("gen_ai.conversation.id"), Is.EqualTo(RunsJson.ThreadId));
            Assert.That(wait.GetTagItem("openai.run.id"), Is.EqualTo(RunsJson.RunId));
            Assert.That(wait.GetTagItem("openai.run.status"), Is.EqualTo("completed"));
            Assert.That(wait.GetTagItem("openai.run.polls"), Is.EqualTo(3));
            Assert.That(wait.GetTagItem("gen_ai.agent.id"), Is.EqualTo("asst_abc"));
            Assert.That(wait.GetTagItem("gen_ai.response.model"), Is.EqualTo("gpt-4o"));
            Assert.That(wait.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(34));
            Assert.That(wait.GetTagItem("gen_ai.usage.output_tokens"), Is.EqualTo(12));
        });
    }

    [Test]
    public async Task CreateRunAndWait_CreateAndPolls_AreChildrenOfOneWaitSpan()
    {
        _stub.Given("POST", RunsPath, RunsJson.Run("queued"));
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("completed"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.CreateRunAndWaitAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc"), new RunWaitOptions { TimeProvider = _stub.Time });

        IReadOnlyList<Activity> spans = _recorder.LibrarySpans(root);
        Activity wait = spans.Single(s => s.DisplayName == "wait_for_run");
        Assert.That(spans.Where(s => s != wait).Select(s => s.DisplayName), Is.EqualTo(new[] { "invoke_agent", "get_run" }));
        Assert.That(spans.Where(s => s != wait).Select(s => s.ParentSpanId), Is.All.EqualTo(wait.SpanId));
    }

    [Test]
    public void WaitForRun_Timeout_WaitSpanHasTheTimeoutErrorType()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress"));
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        Assert.ThrowsAsync<TimeoutException>(() => _stub.Runs.WaitForRunAsync(
            RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = _stub.Time, PollInterval = TimeSpan.FromSeconds(1), Timeout = TimeSpan.FromSeconds(3) }));

        Activity wait = _recorder.LibrarySpans(root).Single(s => s.DisplayName == "wait_for_run");
        Assert.That(wait.GetTagItem("error.type"), Is.EqualTo("System.TimeoutException"));
        Assert.That(wait.Status, Is.EqualTo(ActivityStatusCode.Error));
    }

    [Test]
    public async Task RunToCompletion_OneRound_SpanTreeLinksEveryStepToTheLoopSpan()
    {
        _stub.Given("POST", RunsPath, RunsJson.Run("queued"));
        _stub.GivenSequence("GET", RunsJson.RunPath,
            RunsJson.Run("requires_action", toolCalls: [("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "get_time", "{}")]),
            RunsJson.Run("completed"));
        _stub.Given("POST", RunsJson.RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
        _stub.Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([], null, null, false));
        var tools = new FunctionToolSet().Add((string city) => $"Sunny in {city}", "get_weather");
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        await _stub.Runs.RunToCompletionAsync(
            _stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        IReadOnlyList<Activity> spans = _recorder.LibrarySpans(root);
        Activity loop = spans.Single(s => s.DisplayName == "run_to_completion");
        List<Activity> waits = [.. spans.Where(s => s.DisplayName == "wait_for_run")];
        Activity weather = spans.Single(s => s.DisplayName == "execute_tool get_weather");
        Activity time = spans.Single(s => s.DisplayName == "execute_tool get_time");
        Assert.Multiple(() =>
        {
            Assert.That(loop.ParentSpanId, Is.EqualTo(root.SpanId));
            Assert.That(loop.GetTagItem("openai.run.status"), Is.EqualTo("completed"));
            Assert.That(loop.GetTagItem("openai.run.tool_rounds"), Is.EqualTo(1));
            Assert.That(loop.GetTagItem("gen_ai.usage.input_tokens"), Is.EqualTo(34));
            Assert.That(
                spans.Where(s => s.ParentSpanId == loop.SpanId).Select(s => s.DisplayName).Order(),
                Is.EqualTo(new[] { "execute_tool get_time", "execute_tool get_weather", "invoke_agent", "list_messages", "submit_tool_outputs_to_run", "wait_for_run", "wait_for_run" }));
            Assert.That(waits.Select(w => spans.Count(s => s.DisplayName == "get_run" && s.ParentSpanId == w.SpanId)), Is.EqualTo(new[] { 1, 1 }),
                "each wait is the parent of its poll");
            Assert.That(weather.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(weather.GetTagItem("gen_ai.operation.name"), Is.EqualTo("execute_tool"));
            Assert.That(weather.GetTagItem("gen_ai.tool.name"), Is.EqualTo("get_weather"));
            Assert.That(weather.GetTagItem("gen_ai.tool.call.id"), Is.EqualTo("call_1"));
            Assert.That(weather.GetTagItem("gen_ai.tool.type"), Is.EqualTo("function"));
            Assert.That(weather.GetTagItem("error.type"), Is.Null);
            Assert.That(time.GetTagItem("error.type"), Is.EqualTo("unknown_function"));
            Assert.That(time.Status, Is.EqualTo(ActivityStatusCode.Error));
        });
    }
}
