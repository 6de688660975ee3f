using System.Diagnostics;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Runs;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The streaming tool loop logs the run statuses its events show and its tool calls, and traces each tool call.</summary>
public sealed class StreamingToolLoopTelemetryTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string CreatePath = "/v1/threads/" + RunsJson.ThreadId + "/runs";

    [Test]
    public async Task RunToCompletionStreaming_OneRound_LogsStatusesAndTheToolCallAndTracesIt()
    {
        string requiresAction = RunsJson.Run("requires_action", toolCalls: [("call_s1", "get_weather", """{"city":"Oslo"}""")]).ReplaceLineEndings(" ");
        GivenStream(CreatePath, Sse(("thread.run.created", RunsJson.Run("queued").ReplaceLineEndings(" ")), ("thread.run.requires_action", requiresAction), Done));
        GivenStream(RunsJson.RunPath + "/submit_tool_outputs", Sse(("thread.run.in_progress", RunsJson.Run("in_progress").ReplaceLineEndings(" ")),
            ("thread.run.completed", RunsJson.Run("completed").ReplaceLineEndings(" ")), Done));
        var tools = new FunctionToolSet().Add((string city) => $"Rain in {city}", "get_weather");
        using var recorder = new ActivityRecorder();
        using Activity root = ActivityRecorder.TestSource.StartActivity("test")!;

        int events = 0;
        // The client's recording clock fires every timer at once, the 30 s tool-call timeout too (a race with the function): this clock
        // fires only short timers.
        var completion = new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } };
        await foreach (RunStreamEvent _ in _stub.Runs.RunToCompletionStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, completion))
        {
            events++;
        }

        Assert.That(events, Is.GreaterThan(0));
        IReadOnlyList<FakeLogRecord> changes = _stub.Events(10);
        FakeLogRecord dispatched = _stub.Events(11).Single();
        Activity tool = recorder.LibrarySpans(root).Single(s => s.DisplayName == "execute_tool get_weather");
        Assert.Multiple(() =>
        {
            Assert.That(changes.Select(r => StateOf(r, "PreviousStatus") + "->" + StateOf(r, "Status")),
                Is.EqualTo(new[] { "(none)->queued", "queued->requires_action", "requires_action->in_progress", "in_progress->completed" }));
            Assert.That(StateOf(dispatched, "FunctionName"), Is.EqualTo("get_weather"));
            Assert.That(StateOf(dispatched, "ToolCallId"), Is.EqualTo("call_s1"));
            Assert.That(tool.GetTagItem("gen_ai.tool.call.id"), Is.EqualTo("call_s1"));
            Assert.That(tool.GetTagItem("openai.run.id"), Is.EqualTo(RunsJson.RunId));
            Assert.That(_stub.Events(12), Is.Empty, "the call succeeded");
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    private void GivenStream(string path, string body) =>
        _stub.Server.Given(Request.Create().UsingPost().WithPath(path))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body));
}
