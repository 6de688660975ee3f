using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Streaming;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Serialization;

/// <summary>
/// Rows 41, 43 and 44 (the clock): what a hostile server can put in a well-formed answer. Poll hints of 0 or 1 ms (or an hour) are
/// clamped, so a waiting run never polls in a hot loop; a <c>null</c> inside any array or map of the wire is dropped when the body
/// is read, so the tool loops (polling and streaming), the stream accumulator and the pager never see one; bytes that are not an
/// event (keep-alive comments) restart the stream's idle timer.
/// </summary>
public sealed class HostileServerBodyTests
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

    private static readonly (string, string)[] NoHeaders = [];

    /// <summary>A run that requires the call <c>call_1</c> to <c>add</c>, with a <c>null</c> before and after it in <c>tool_calls</c>.</summary>
    private static string RequiresActionWithNullToolCalls() =>
        RunsJson.Run("requires_action", toolCalls: ("call_1", "add", """{"a":1,"b":2}"""))
            .Replace("\"tool_calls\":[", "\"tool_calls\":[null,", StringComparison.Ordinal)
            .Replace("}}]}}", "}},null]}}", StringComparison.Ordinal);

    /// <summary>A message whose content, annotations and attachments hold <c>null</c>s, and whose metadata has a <c>null</c> value.</summary>
    private static string MessageWithNulls(string id, string text) =>
        RunsJson.Message(id, text)
            .Replace("\"content\":[", "\"content\":[null,", StringComparison.Ordinal)
            .Replace("\"annotations\":[]", "\"annotations\":[null]", StringComparison.Ordinal)
            .Replace("\"attachments\":[]", "\"attachments\":[null]", StringComparison.Ordinal)
            .Replace("\"metadata\":{}", "\"metadata\":{\"gone\":null,\"kept\":\"v\"}", StringComparison.Ordinal);

    private static string Sse(params (string Event, string Data)[] events) =>
        string.Concat(events.Select(e => $"event: {e.Event}\ndata: {e.Data.ReplaceLineEndings(" ")}\n\n")) + "event: done\ndata: [DONE]\n\n";

    private void GivenStream(string path, string body) =>
        _stub.Server.Given(Request.Create().UsingPost().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body));

    private static Dictionary<string, string> OutputsOf(ILogEntry submit) =>
        BodyOf(submit).GetProperty("tool_outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("tool_call_id").GetString()!, o => o.GetProperty("output").GetString()!);

    private static void AssertMessageWithoutNulls(ThreadMessage message, string text)
    {
        Assert.Multiple(() =>
        {
            Assert.That(message.Content, Has.Count.EqualTo(1).And.All.Not.Null);
            Assert.That(message.Text, Is.EqualTo(text));
            Assert.That(((TextMessageContent)message.Content[0]).Text!.Annotations, Is.Empty);
            Assert.That(message.Attachments, Is.Empty);
            Assert.That(message.Metadata, Is.EqualTo(new Dictionary<string, string> { ["kept"] = "v" }));
        });
    }

    [TestCase("0", 100)]
    [TestCase("1", 100)]
    [TestCase("-20", 3000)] // not a number of milliseconds: absent, so PollInterval
    [TestCase("99.5", 100)]
    [TestCase("250", 250)]
    [TestCase("3600000", 10_000)]
    [Property("ReliabilityRow", "41")]
    public async Task ServerPollHint_IsClampedBetween100MsAnd10S(string hint, int expectedMs)
    {
        (string, (string, string)[]) inProgress = (RunsJson.Run("in_progress"), [("openai-poll-after-ms", hint)]);
        _stub.GivenSequence("GET", RunsJson.RunPath, inProgress, inProgress, inProgress, inProgress, (RunsJson.Run("completed"), NoHeaders));

        ThreadRun run = await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { PollInterval = TimeSpan.FromSeconds(3), TimeProvider = _stub.Time });

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(_stub.Time.Delays, Is.EqualTo(Enumerable.Repeat(TimeSpan.FromMilliseconds(expectedMs), 4)), "one wait per poll, never shorter than 100 ms");
            Assert.That(_stub.Requests("GET", RunsJson.RunPath), Has.Count.EqualTo(5));
        });
    }

    [Test]
    [Property("ReliabilityRow", "43")]
    public async Task ToolLoopPolling_NullToolCallsAndNullMessageElementsAreDropped()
    {
        _stub.GivenSequence("POST", CreatePath, RunsJson.Run("queued"));
        _stub.GivenSequence("GET", RunsJson.RunPath, RequiresActionWithNullToolCalls(), RunsJson.Run("completed"));
        _stub.GivenSequence("POST", SubmitPath, RunsJson.Run("queued"));
        _stub.GivenSequence("GET", MessagesPath, RunsJson.Page([MessageWithNulls("msg_1", "3"), "null"], "msg_1", "msg_1", hasMore: false));
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");

        RunCompletionResult result = await _stub.Runs.RunToCompletionAsync(
            _stub.Messages, RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools,
            new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } });

        Assert.Multiple(() =>
        {
            Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(OutputsOf(_stub.Requests("POST", SubmitPath).Single()), Is.EqualTo(new Dictionary<string, string> { ["call_1"] = "3" }));
            Assert.That(result.Messages, Has.Count.EqualTo(1));
        });
        AssertMessageWithoutNulls(result.Messages[0], "3");
    }

    [Test]
    [Property("ReliabilityRow", "43")]
    public async Task ToolLoopStreaming_NullToolCallsAndNullContentPartsAreDropped()
    {
        GivenStream(CreatePath, Sse(("thread.run.created", RunsJson.Run("queued")), ("thread.run.requires_action", RequiresActionWithNullToolCalls())));
        GivenStream(SubmitPath, Sse(
            ("thread.message.delta", """{"id":"msg_1","object":"thread.message.delta","delta":{"content":[null,{"index":0,"type":"text","text":{"value":"3","annotations":[null]}}]}}"""),
            ("thread.message.completed", MessageWithNulls("msg_1", "3")),
            ("thread.run.completed", RunsJson.Run("completed"))));
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");

        var events = new List<RunStreamEvent>();
        var completion = new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } };
        await foreach (RunStreamEvent e in _stub.Runs.RunToCompletionStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, completion))
        {
            events.Add(e);
        }

        Assert.Multiple(() =>
        {
            Assert.That(OutputsOf(_stub.Requests("POST", SubmitPath).Single()), Is.EqualTo(new Dictionary<string, string> { ["call_1"] = "3" }));
            Assert.That(((RunStatusStreamEvent)events[1]).Run.RequiredAction!.SubmitToolOutputs!.ToolCalls.Select(c => c.Id), Is.EqualTo(new[] { "call_1" }));
            Assert.That(((MessageDeltaStreamEvent)events[2]).Delta.Delta!.Content, Has.Count.EqualTo(1).And.All.Not.Null);
        });
        AssertMessageWithoutNulls(((MessageStreamEvent)events[3]).Message, "3");
    }

    [Test]
    [Property("ReliabilityRow", "43")]
    public void StreamAccumulator_NullsInSnapshotsAndDeltasAreDropped()
    {
        var accumulator = new RunStreamAccumulator();
        (string Name, string Data)[] stream =
        [
            ("thread.run.step.created", StreamPayloads.ToolStep("in_progress").Replace("\"tool_calls\":[]", "\"tool_calls\":[null]", StringComparison.Ordinal)),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[null,{"index":0,"id":"call_w1","type":"function","function":{"name":"get_weather","arguments":"{}","output":null}},null]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":1,"id":"call_c1","type":"code_interpreter","code_interpreter":{"input":"1+1","outputs":[null,{"index":0,"type":"logs","logs":"2"}]}}]}}}"""),
            ("thread.message.created", StreamPayloads.Message("in_progress").Replace("\"content\":[]", "\"content\":[null]", StringComparison.Ordinal)),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[null,{"index":0,"type":"text","text":{"value":"It is 18C","annotations":[null]}}]}}"""),
        ];

        foreach ((string name, string data) in stream)
        {
            accumulator.Add(RunStreamEvent.Parse(name, data));
        }

        Assert.Multiple(() =>
        {
            Assert.That(accumulator.ToolCalls, Has.Count.EqualTo(2).And.All.Not.Null);
            Assert.That(((FunctionToolCall)accumulator.ToolCalls[0]).Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(((CodeInterpreterToolCall)accumulator.ToolCalls[1]).CodeInterpreter!.Outputs, Has.Count.EqualTo(1).And.All.Not.Null);
            Assert.That(accumulator.Messages.Single().Text, Is.EqualTo("It is 18C"));
            Assert.That(accumulator.Messages.Single().Content, Has.Count.EqualTo(1).And.All.Not.Null);
        });
    }

    [Test]
    [Property("ReliabilityRow", "43")]
    public async Task PagerAndSinglePage_NullItemsAreDropped()
    {
        _stub.GivenSequence("GET", MessagesPath, RunsJson.Page(["null", MessageWithNulls("msg_1", "a"), "null", MessageWithNulls("msg_2", "b")], "msg_1", "msg_2", hasMore: false));

        var all = new List<ThreadMessage>();
        await foreach (ThreadMessage message in _stub.Messages.GetAllMessagesAsync(RunsJson.ThreadId))
        {
            all.Add(message);
        }

        CursorPage<ThreadMessage> page = await _stub.Messages.ListMessagesAsync(RunsJson.ThreadId);

        Assert.That(all.Select(m => m.Id), Is.EqualTo(new[] { "msg_1", "msg_2" }));
        Assert.That(page.Data.Select(m => m.Id), Is.EqualTo(new[] { "msg_1", "msg_2" }));
        AssertMessageWithoutNulls(all[0], "a");
    }

    [Test]
    [Property("ReliabilityRow", "43")]
    public async Task AssistantAndRunStep_NullToolsAndNullResultsAreDropped()
    {
        _stub.GivenSequence("GET", "/v1/assistants/asst_abc", RunsJson.Assistant("asst_abc", "A").Replace("\"tools\":[]", "\"tools\":[null,{\"type\":\"code_interpreter\"},null]", StringComparison.Ordinal));
        _stub.GivenSequence("GET", RunsJson.RunPath + "/steps/step_1", """
            {"id":"step_1","object":"thread.run.step","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls","tool_calls":[null,
             {"id":"call_f","type":"file_search","file_search":{"results":[null,{"file_id":"f1","file_name":"a.txt","score":0.5,"content":[null,{"type":"text","text":"x"}]}]}}]}}
            """);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc");
        RunStep step = await _stub.Runs.GetRunStepAsync(RunsJson.ThreadId, RunsJson.RunId, "step_1");

        var calls = ((ToolCallsStepDetails)step.StepDetails!).ToolCalls;
        Assert.Multiple(() =>
        {
            Assert.That(assistant.Tools, Has.Count.EqualTo(1).And.All.InstanceOf<CodeInterpreterToolDefinition>());
            Assert.That(calls, Has.Count.EqualTo(1));
            FileSearchResult result = ((FileSearchToolCall)calls[0]).FileSearch!.Results.Single();
            Assert.That(result.Content, Has.Count.EqualTo(1).And.All.Not.Null);
        });
    }

    [Test]
    [Property("ReliabilityRow", "44")]
    public void IdleWatchdog_BytesThatAreNotAnEventRestartTheWaitOnAFakeClock()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(TimeSpan.FromSeconds(1), CancellationToken.None, time);

        watchdog.BeginWait();
        for (int i = 0; i < 20; i++) // 20 s of ": ping" every 900 ms, no event
        {
            time.Advance(TimeSpan.FromMilliseconds(900));
            watchdog.Progress();
        }

        Assert.That(watchdog.IsCancellationRequested, Is.False, "pings kept the stream alive");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(watchdog.IsCancellationRequested, Is.True, "a full idle timeout of silence still ends it");
    }
}
