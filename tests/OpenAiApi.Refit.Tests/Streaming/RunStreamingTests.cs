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

/// <summary>The three streaming helpers against WireMock: what they send, and every event typed in order.</summary>
public sealed class RunStreamingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task CreateThreadAndRunStreamingAsync_RealisticRun_YieldsEveryEventTypedInOrder()
    {
        _stub.GivenStream("/v1/threads/runs", Sse(
            ("thread.created", ThreadCreated),
            ("thread.run.created", Run("queued")),
            ("thread.run.queued", Run("queued")),
            ("thread.run.in_progress", Run("in_progress")),
            ("thread.run.step.created", MessageStep("in_progress")),
            ("thread.run.step.in_progress", MessageStep("in_progress")),
            ("thread.message.created", Message("in_progress")),
            ("thread.message.in_progress", Message("in_progress")),
            ("thread.message.delta", MessageDelta1),
            ("thread.message.delta", MessageDelta2),
            ("thread.message.completed", MessageCompleted),
            ("thread.run.step.completed", MessageStep("completed")),
            ("thread.run.completed", RunCompleted),
            Done));
        var options = new ThreadAndRunCreationOptions("asst_s1")
        {
            Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User("Weather in Paris?")], Metadata = new Dictionary<string, string> { ["topic"] = "weather" } },
            Instructions = "Be brief.",
        };

        List<RunStreamEvent> events = await ToListAsync(_stub.Threads.CreateThreadAndRunStreamingAsync(options));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[]
        {
            "thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.run.step.created",
            "thread.run.step.in_progress", "thread.message.created", "thread.message.in_progress", "thread.message.delta",
            "thread.message.delta", "thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done",
        }));
        Assert.Multiple(() =>
        {
            var thread = (ThreadStreamEvent)events[0];
            Assert.That(thread.Kind, Is.EqualTo(RunStreamEventKind.ThreadCreated));
            Assert.That(thread.Thread.Id, Is.EqualTo("thread_s1"));
            Assert.That(thread.Thread.CreatedAt, Is.EqualTo(1710000000));
            Assert.That(thread.Thread.Metadata!["topic"], Is.EqualTo("weather"));

            var created = (RunStatusStreamEvent)events[1];
            Assert.That(created.Kind, Is.EqualTo(RunStreamEventKind.RunCreated));
            Assert.That(created.Run.Id, Is.EqualTo("run_s1"));
            Assert.That(created.Run.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(created.Run.AssistantId, Is.EqualTo("asst_s1"));
            Assert.That(created.Run.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(created.Run.Model, Is.EqualTo("gpt-4o"));
            Assert.That(created.Run.Tools, Has.Count.EqualTo(1).And.All.InstanceOf<FunctionToolDefinition>());
            Assert.That(created.IsTerminal, Is.False);

            Assert.That(((RunStatusStreamEvent)events[2]).Kind, Is.EqualTo(RunStreamEventKind.RunQueued));
            var inProgress = (RunStatusStreamEvent)events[3];
            Assert.That(inProgress.Kind, Is.EqualTo(RunStreamEventKind.RunInProgress));
            Assert.That(inProgress.Run.Status, Is.EqualTo(RunStatus.InProgress));

            var stepCreated = (RunStepStreamEvent)events[4];
            Assert.That(stepCreated.Kind, Is.EqualTo(RunStreamEventKind.RunStepCreated));
            Assert.That(stepCreated.RunStep.Id, Is.EqualTo("step_m1"));
            Assert.That(stepCreated.RunStep.RunId, Is.EqualTo("run_s1"));
            Assert.That(stepCreated.RunStep.Type, Is.EqualTo(RunStepKind.MessageCreation));
            Assert.That(stepCreated.RunStep.Status, Is.EqualTo(RunStepStatus.InProgress));
            Assert.That(((MessageCreationStepDetails)stepCreated.RunStep.StepDetails!).MessageCreation!.MessageId, Is.EqualTo("msg_s1"));
            Assert.That(((RunStepStreamEvent)events[5]).Kind, Is.EqualTo(RunStreamEventKind.RunStepInProgress));

            var messageCreated = (MessageStreamEvent)events[6];
            Assert.That(messageCreated.Kind, Is.EqualTo(RunStreamEventKind.MessageCreated));
            Assert.That(messageCreated.Message.Id, Is.EqualTo("msg_s1"));
            Assert.That(messageCreated.Message.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(messageCreated.Message.Status, Is.EqualTo(MessageStatus.InProgress));
            Assert.That(messageCreated.Message.Content, Is.Empty);
            Assert.That(((MessageStreamEvent)events[7]).Kind, Is.EqualTo(RunStreamEventKind.MessageInProgress));

            var delta1 = (MessageDeltaStreamEvent)events[8];
            Assert.That(delta1.Kind, Is.EqualTo(RunStreamEventKind.MessageDelta));
            Assert.That(delta1.Delta.Id, Is.EqualTo("msg_s1"));
            Assert.That(delta1.Delta.Delta!.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(delta1.Text, Is.EqualTo("It is 18C"));
            var part = (TextMessageDeltaContent)delta1.Delta.Delta.Content![0];
            Assert.That(part.Index, Is.EqualTo(0));
            Assert.That(part.Text!.Value, Is.EqualTo("It is 18C"));

            var delta2 = (MessageDeltaStreamEvent)events[9];
            Assert.That(delta2.Text, Is.EqualTo(" in Paris [1]."));
            var citation = (FileCitationTextAnnotationDelta)((TextMessageDeltaContent)delta2.Delta.Delta!.Content![0]).Text!.Annotations![0];
            Assert.That(citation.Index, Is.EqualTo(0));
            Assert.That(citation.Text, Is.EqualTo("[1]"));
            Assert.That(citation.StartIndex, Is.EqualTo(19));
            Assert.That(citation.EndIndex, Is.EqualTo(22));
            Assert.That(citation.FileCitation!.FileId, Is.EqualTo("file-w1"));

            var completed = (MessageStreamEvent)events[10];
            Assert.That(completed.Kind, Is.EqualTo(RunStreamEventKind.MessageCompleted));
            Assert.That(completed.Message.Text, Is.EqualTo("It is 18C in Paris [1]."));
            Assert.That(completed.Message.CompletedAt, Is.EqualTo(1710000008));
            Assert.That(((RunStepStreamEvent)events[11]).RunStep.Status, Is.EqualTo(RunStepStatus.Completed));

            var runCompleted = (RunStatusStreamEvent)events[12];
            Assert.That(runCompleted.Kind, Is.EqualTo(RunStreamEventKind.RunCompleted));
            Assert.That(runCompleted.IsTerminal, Is.True);
            Assert.That(runCompleted.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(runCompleted.Run.CompletedAt, Is.EqualTo(1710000009));
            Assert.That(runCompleted.Run.Usage!.TotalTokens, Is.EqualTo(150));

            Assert.That(events[13], Is.InstanceOf<DoneStreamEvent>());
            Assert.That(events[13].Kind, Is.EqualTo(RunStreamEventKind.Done));
        });

        ILogEntry entry = _stub.SingleRequest;
        AssertIsStreamRequest(entry, "/v1/threads/runs");
        JsonElement body = BodyOf(entry);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_s1"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
            JsonElement message = body.GetProperty("thread").GetProperty("messages")[0];
            Assert.That(message.GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(message.GetProperty("content").GetString(), Is.EqualTo("Weather in Paris?"));
            Assert.That(body.GetProperty("thread").GetProperty("metadata").GetProperty("topic").GetString(), Is.EqualTo("weather"));
            Assert.That(options.Stream, Is.Null, "stream: true is set on a copy; the caller's options are not changed");
        });
    }

    private static IEnumerable<TestCaseData> EveryEvent()
    {
        yield return new TestCaseData("thread.created", ThreadCreated, typeof(ThreadStreamEvent), RunStreamEventKind.ThreadCreated, "thread_s1");
        foreach ((string name, RunStreamEventKind kind, string status) in new[]
        {
            ("thread.run.created", RunStreamEventKind.RunCreated, "queued"),
            ("thread.run.queued", RunStreamEventKind.RunQueued, "queued"),
            ("thread.run.in_progress", RunStreamEventKind.RunInProgress, "in_progress"),
            ("thread.run.requires_action", RunStreamEventKind.RunRequiresAction, "requires_action"),
            ("thread.run.completed", RunStreamEventKind.RunCompleted, "completed"),
            ("thread.run.incomplete", RunStreamEventKind.RunIncomplete, "incomplete"),
            ("thread.run.failed", RunStreamEventKind.RunFailed, "failed"),
            ("thread.run.cancelling", RunStreamEventKind.RunCancelling, "cancelling"),
            ("thread.run.cancelled", RunStreamEventKind.RunCancelled, "cancelled"),
            ("thread.run.expired", RunStreamEventKind.RunExpired, "expired"),
        })
        {
            yield return new TestCaseData(name, Run(status), typeof(RunStatusStreamEvent), kind, "run_s1:" + status);
        }

        foreach ((string name, RunStreamEventKind kind, string status) in new[]
        {
            ("thread.run.step.created", RunStreamEventKind.RunStepCreated, "in_progress"),
            ("thread.run.step.in_progress", RunStreamEventKind.RunStepInProgress, "in_progress"),
            ("thread.run.step.completed", RunStreamEventKind.RunStepCompleted, "completed"),
            ("thread.run.step.failed", RunStreamEventKind.RunStepFailed, "failed"),
            ("thread.run.step.cancelled", RunStreamEventKind.RunStepCancelled, "cancelled"),
            ("thread.run.step.expired", RunStreamEventKind.RunStepExpired, "expired"),
        })
        {
            yield return new TestCaseData(name, ToolStep(status), typeof(RunStepStreamEvent), kind, "step_t1:" + status);
        }

        yield return new TestCaseData("thread.run.step.delta", ToolStepDeltaName, typeof(RunStepDeltaStreamEvent), RunStreamEventKind.RunStepDelta, "step_t1");

        foreach ((string name, RunStreamEventKind kind, string status) in new[]
        {
            ("thread.message.created", RunStreamEventKind.MessageCreated, "in_progress"),
            ("thread.message.in_progress", RunStreamEventKind.MessageInProgress, "in_progress"),
            ("thread.message.completed", RunStreamEventKind.MessageCompleted, "completed"),
            ("thread.message.incomplete", RunStreamEventKind.MessageIncomplete, "incomplete"),
        })
        {
            yield return new TestCaseData(name, Message(status), typeof(MessageStreamEvent), kind, "msg_s1:" + status);
        }

        yield return new TestCaseData("thread.message.delta", MessageDelta1, typeof(MessageDeltaStreamEvent), RunStreamEventKind.MessageDelta, "msg_s1");
    }

    /// <summary>Every event of the spec but <c>error</c> (which throws: see below), sent through the wire one by one.</summary>
    [TestCaseSource(nameof(EveryEvent))]
    public async Task CreateRunStreamingAsync_EachSpecEvent_IsTypedWithItsPayload(string name, string data, Type type, RunStreamEventKind kind, string expected)
    {
        _stub.GivenStream(RunsPath, Sse((name, data), Done));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        Assert.That(events, Has.Count.EqualTo(2));
        RunStreamEvent e = events[0];
        string actual = e switch
        {
            ThreadStreamEvent t => t.Thread.Id,
            RunStatusStreamEvent r => r.Run.Id + ":" + r.Run.Status,
            RunStepStreamEvent s => s.RunStep.Id + ":" + s.RunStep.Status,
            RunStepDeltaStreamEvent d => d.Delta.Id,
            MessageStreamEvent m => m.Message.Id + ":" + m.Message.Status,
            MessageDeltaStreamEvent md => md.Delta.Id,
            _ => "?",
        };
        Assert.Multiple(() =>
        {
            Assert.That(e, Is.TypeOf(type));
            Assert.That(e.EventName, Is.EqualTo(name));
            Assert.That(e.Kind, Is.EqualTo(kind));
            Assert.That(actual, Is.EqualTo(expected));
            Assert.That(events[1], Is.TypeOf<DoneStreamEvent>());
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_Options_SendsStreamTrueAndEveryBodyFieldAndInclude()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.created", Run("queued")), ("thread.run.completed", RunCompleted), Done));
        var options = new RunCreationOptions("asst_s1")
        {
            Model = "gpt-4o-mini",
            Instructions = "Be brief.",
            AdditionalInstructions = "Answer in French.",
            AdditionalMessages = [MessageCreationOptions.User("And tomorrow?")],
            Tools = [new FunctionToolDefinition(new FunctionDefinition("get_weather", "Gets the weather."))],
            Metadata = new Dictionary<string, string> { ["session"] = "s-42" },
            Temperature = 0.2,
            TopP = 0.9,
            MaxPromptTokens = 2000,
            MaxCompletionTokens = 500,
            ParallelToolCalls = false,
        };

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", options, [RunStepInclude.FileSearchResultContent]));

        Assert.That(events.Select(e => e.Kind), Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
        ILogEntry entry = _stub.SingleRequest;
        AssertIsStreamRequest(entry, RunsPath);
        JsonElement body = BodyOf(entry);
        Assert.Multiple(() =>
        {
            Assert.That(QueryPairsOf(entry), Is.EqualTo(new[] { ("include[]", "step_details.tool_calls[*].file_search.results[*].content") }));
            Assert.That(body.GetProperty("stream").ValueKind, Is.EqualTo(JsonValueKind.True));
            Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_s1"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-4o-mini"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
            Assert.That(body.GetProperty("additional_instructions").GetString(), Is.EqualTo("Answer in French."));
            Assert.That(body.GetProperty("additional_messages")[0].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(body.GetProperty("additional_messages")[0].GetProperty("content").GetString(), Is.EqualTo("And tomorrow?"));
            Assert.That(body.GetProperty("tools")[0].GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(body.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
            Assert.That(body.GetProperty("tools")[0].GetProperty("function").GetProperty("description").GetString(), Is.EqualTo("Gets the weather."));
            Assert.That(body.GetProperty("metadata").GetProperty("session").GetString(), Is.EqualTo("s-42"));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.2));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.9));
            Assert.That(body.GetProperty("max_prompt_tokens").GetInt32(), Is.EqualTo(2000));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(500));
            Assert.That(body.GetProperty("parallel_tool_calls").GetBoolean(), Is.False);
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_NotEnumerated_SendsNothing()
    {
        _stub.GivenStream(RunsPath, Sse(("thread.run.completed", RunCompleted), Done));

        IAsyncEnumerable<RunStreamEvent> stream = _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"));
        Assert.That(_stub.LogEntries, Is.Empty);

        List<RunStreamEvent> events = await ToListAsync(stream);
        Assert.That(events, Has.Count.EqualTo(2));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task SubmitToolOutputsToRunStreamingAsync_Outputs_PostsToSubmitRouteAndStreamsTheRest()
    {
        const string path = "/v1/threads/thread_s1/runs/run_s1/submit_tool_outputs";
        _stub.GivenStream(path, Sse(
            ("thread.run.queued", Run("queued")),
            ("thread.run.in_progress", Run("in_progress")),
            ("thread.run.step.completed", ToolStepCompletedWithOutput),
            ("thread.message.created", Message("in_progress")),
            ("thread.message.delta", MessageDelta1),
            ("thread.message.completed", MessageCompleted),
            ("thread.run.completed", RunCompleted),
            Done));
        var options = new ToolOutputsSubmissionOptions([new ToolOutput("call_w1", "18C, sunny")]);

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.SubmitToolOutputsToRunStreamingAsync("thread_s1", "run_s1", options));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[]
        {
            "thread.run.queued", "thread.run.in_progress", "thread.run.step.completed", "thread.message.created",
            "thread.message.delta", "thread.message.completed", "thread.run.completed", "done",
        }));
        var call = (FunctionToolCall)((ToolCallsStepDetails)((RunStepStreamEvent)events[2]).RunStep.StepDetails!).ToolCalls[0];
        Assert.Multiple(() =>
        {
            Assert.That(call.Id, Is.EqualTo("call_w1"));
            Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(call.Function.Arguments, Is.EqualTo("{\"city\":\"Paris\"}"));
            Assert.That(call.Function.Output, Is.EqualTo("18C, sunny"));
            Assert.That(((RunStatusStreamEvent)events[6]).Run.Status, Is.EqualTo(RunStatus.Completed));
        });

        ILogEntry entry = _stub.SingleRequest;
        AssertIsStreamRequest(entry, path);
        JsonElement body = BodyOf(entry);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("tool_outputs").GetArrayLength(), Is.EqualTo(1));
            Assert.That(body.GetProperty("tool_outputs")[0].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_w1"));
            Assert.That(body.GetProperty("tool_outputs")[0].GetProperty("output").GetString(), Is.EqualTo("18C, sunny"));
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_RequiresAction_EndsWithTheToolCallsToAnswer()
    {
        _stub.GivenStream(RunsPath, Sse(
            ("thread.run.created", Run("queued")),
            ("thread.run.in_progress", Run("in_progress")),
            ("thread.run.step.created", ToolStep("in_progress")),
            ("thread.run.step.delta", ToolStepDeltaName),
            ("thread.run.step.delta", ToolStepDeltaArguments1),
            ("thread.run.step.delta", ToolStepDeltaArguments2),
            ("thread.run.requires_action", RunRequiresAction),
            Done));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")));

        var fragment = (FunctionToolCallDelta)((ToolCallsStepDeltaDetails)((RunStepDeltaStreamEvent)events[3]).Delta.Delta!.StepDetails!).ToolCalls[0];
        var requiresAction = (RunStatusStreamEvent)events[6];
        RunToolCall toolCall = requiresAction.Run.RequiredAction!.SubmitToolOutputs!.ToolCalls[0];
        Assert.Multiple(() =>
        {
            Assert.That(fragment.Index, Is.EqualTo(0));
            Assert.That(fragment.Id, Is.EqualTo("call_w1"));
            Assert.That(fragment.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(requiresAction.Kind, Is.EqualTo(RunStreamEventKind.RunRequiresAction));
            Assert.That(requiresAction.Run.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(requiresAction.Run.RequiredAction.Type, Is.EqualTo("submit_tool_outputs"));
            Assert.That(toolCall.Id, Is.EqualTo("call_w1"));
            Assert.That(toolCall.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(toolCall.Function.Arguments, Is.EqualTo("{\"city\":\"Paris\"}"));
            Assert.That(events[^1], Is.TypeOf<DoneStreamEvent>());
        });
    }

    private static IEnumerable<TestCaseData> InvalidArguments()
    {
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((r, _) => r.CreateRunStreamingAsync("", new RunCreationOptions("asst_s1"))), "threadId")
            .SetName("CreateRunStreamingAsync_EmptyThreadId_ThrowsAtOnceAndSendsNothing");
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((r, _) => r.CreateRunStreamingAsync("..", new RunCreationOptions("asst_s1"))), "threadId")
            .SetName("CreateRunStreamingAsync_DotDotThreadId_ThrowsAtOnceAndSendsNothing");
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((r, _) => r.CreateRunStreamingAsync("thread_s1", null!)), "options")
            .SetName("CreateRunStreamingAsync_NullOptions_ThrowsAtOnceAndSendsNothing");
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((r, _) => r.SubmitToolOutputsToRunStreamingAsync("thread_s1", "run/1", new ToolOutputsSubmissionOptions([]))), "runId")
            .SetName("SubmitToolOutputsToRunStreamingAsync_SlashInRunId_ThrowsAtOnceAndSendsNothing");
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((_, t) => t.CreateThreadAndRunStreamingAsync(null!)), "options")
            .SetName("CreateThreadAndRunStreamingAsync_NullOptions_ThrowsAtOnceAndSendsNothing");
        yield return new TestCaseData((Func<IRunsApi, IThreadsApi, object>)((r, _) => r.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: new RunStreamOptions { IdleTimeout = TimeSpan.Zero })), "streamOptions.IdleTimeout")
            .SetName("CreateRunStreamingAsync_ZeroIdleTimeout_ThrowsAtOnceAndSendsNothing");
    }

    [TestCaseSource(nameof(InvalidArguments))]
    [Property("ReliabilityRow", "19")]
    public void StreamingHelpers_InvalidArgument_ThrowAtCallTimeAndSendNothing(Func<IRunsApi, IThreadsApi, object> call, string parameterName)
    {
        var ex = Assert.Catch<ArgumentException>(() => call(_stub.Runs, _stub.Threads));

        Assert.That(ex!.ParamName, Is.EqualTo(parameterName));
        Assert.That(_stub.LogEntries, Is.Empty);
    }
}
