using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using OpenAiApi.Refit.Tests.Infrastructure;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>The accumulator, fed events parsed from hand-written event data (no server needed).</summary>
public sealed class RunStreamAccumulatorTests
{
    private static RunStreamAccumulator Feed(params (string Name, string Data)[] events) => Feed(new RunStreamAccumulator(), events);

    private static RunStreamAccumulator Feed(RunStreamAccumulator accumulator, params (string Name, string Data)[] events)
    {
        foreach ((string name, string data) in events)
        {
            accumulator.Add(RunStreamEvent.Parse(name, data));
        }

        return accumulator;
    }

    [Test]
    public void Add_TextAcrossDeltas_BuildsTheMessageTextAndAnnotations()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.message.created", Message("in_progress")),
            ("thread.message.delta", MessageDelta1),
            ("thread.message.delta", MessageDelta2));

        ThreadMessage message = accumulator.Messages.Single();
        var text = (TextMessageContent)message.Content.Single();
        var citation = (FileCitationTextAnnotation)text.Text!.Annotations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Is.EqualTo("msg_s1"));
            Assert.That(message.RunId, Is.EqualTo("run_s1"));
            Assert.That(message.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(message.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.InProgress));
            Assert.That(message.Text, Is.EqualTo("It is 18C in Paris [1]."));
            Assert.That(text.Text.Value, Is.EqualTo("It is 18C in Paris [1]."));
            Assert.That(citation.Text, Is.EqualTo("[1]"));
            Assert.That(citation.StartIndex, Is.EqualTo(19));
            Assert.That(citation.EndIndex, Is.EqualTo(22));
            Assert.That(citation.FileCitation!.FileId, Is.EqualTo("file-w1"));
            Assert.That(accumulator.GetMessage("msg_s1")!.Text, Is.EqualTo("It is 18C in Paris [1]."));
            Assert.That(accumulator.GetMessage("msg_other"), Is.Null);
        });
    }

    [Test]
    public void Add_DeltasWithoutACreatedEvent_StillBuildTheMessage()
    {
        RunStreamAccumulator accumulator = Feed(("thread.message.delta", MessageDelta1), ("thread.message.delta", MessageDelta2));

        ThreadMessage message = accumulator.Messages.Single();
        Assert.That(message.Id, Is.EqualTo("msg_s1"));
        Assert.That(message.Role, Is.EqualTo(MessageRole.Assistant), "the role from the first delta");
        Assert.That(message.Text, Is.EqualTo("It is 18C in Paris [1]."));
    }

    [Test]
    public void Add_SeveralContentPartsAndAnnotationFragments_MergesByIndex()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.message.created", Message("in_progress")),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"See the chart"}}]}}"""),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":1,"type":"image_file","image_file":{"file_id":"file-img1"}}]}}"""),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":" and the CSV.","annotations":[{"index":0,"type":"file_path","text":"sandbox:/mnt/data/out.csv","file_path":{"file_id":"file-csv1"}}]}}]}}"""),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"annotations":[{"index":0,"type":"file_path","start_index":17,"end_index":42}]}}]}}"""),
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":2,"type":"refusal","refusal":"I can't"},{"index":2,"type":"refusal","refusal":" share that."}]}}"""));

        IReadOnlyList<MessageContent> content = accumulator.Messages.Single().Content;
        Assert.That(content, Has.Count.EqualTo(3));
        var text = (TextMessageContent)content[0];
        var path = (FilePathTextAnnotation)text.Text!.Annotations.Single();
        Assert.Multiple(() =>
        {
            Assert.That(text.Text.Value, Is.EqualTo("See the chart and the CSV."));
            Assert.That(path.Text, Is.EqualTo("sandbox:/mnt/data/out.csv"), "kept from the first fragment");
            Assert.That(path.FilePath!.FileId, Is.EqualTo("file-csv1"), "kept from the first fragment");
            Assert.That(path.StartIndex, Is.EqualTo(17), "added by the second fragment");
            Assert.That(path.EndIndex, Is.EqualTo(42));
            Assert.That(((ImageFileMessageContent)content[1]).ImageFile!.FileId, Is.EqualTo("file-img1"));
            Assert.That(((RefusalMessageContent)content[2]).Refusal, Is.EqualTo("I can't share that."));
        });
    }

    [Test]
    public void Add_CompletedMessage_ReplacesTheFragmentsWithTheServersWholeMessage()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.message.created", Message("in_progress")),
            ("thread.message.delta", MessageDelta1),
            ("thread.message.completed", MessageCompleted));

        ThreadMessage message = accumulator.Messages.Single();
        Assert.That(message.Status, Is.EqualTo(MessageStatus.Completed));
        Assert.That(message.CompletedAt, Is.EqualTo(1710000008));
        Assert.That(message.Text, Is.EqualTo("It is 18C in Paris [1]."));
        Assert.That(((TextMessageContent)message.Content[0]).Text!.Annotations, Has.Count.EqualTo(1));
    }

    [Test]
    public void Add_FunctionArgumentsAcrossDeltas_BuildsTheWholeCallAndTheStepSnapshot()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.run.created", Run("queued")),
            ("thread.run.step.created", ToolStep("in_progress")),
            ("thread.run.step.delta", ToolStepDeltaName),
            ("thread.run.step.delta", ToolStepDeltaArguments1),
            ("thread.run.step.delta", ToolStepDeltaArguments2),
            ("thread.run.requires_action", RunRequiresAction));

        RunStep step = accumulator.RunSteps.Single();
        var call = (FunctionToolCall)((ToolCallsStepDetails)step.StepDetails!).ToolCalls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(step.Id, Is.EqualTo("step_t1"));
            Assert.That(step.RunId, Is.EqualTo("run_s1"));
            Assert.That(step.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.InProgress));
            Assert.That(call.Id, Is.EqualTo("call_w1"));
            Assert.That(call.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(call.Function.Arguments, Is.EqualTo("{\"city\":\"Paris\"}"));
            Assert.That(call.Function.Output, Is.Null);
            Assert.That(accumulator.ToolCalls.Single(), Is.TypeOf<FunctionToolCall>());
            Assert.That(((FunctionToolCall)accumulator.ToolCalls.Single()).Function!.Arguments, Is.EqualTo("{\"city\":\"Paris\"}"));
            Assert.That(accumulator.Run!.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(accumulator.Run.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single().Id, Is.EqualTo("call_w1"));
        });
    }

    [Test]
    public void Add_ParallelFunctionCalls_KeepsEachCallAtItsIndex()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"id":"call_a","type":"function","function":{"name":"get_weather","arguments":""}},{"index":1,"id":"call_b","type":"function","function":{"name":"get_time","arguments":""}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":1,"type":"function","function":{"arguments":"{\"tz\":\"CET\"}"}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"function","function":{"arguments":"{\"city\":\"Oslo\"}"}}]}}}"""));

        FunctionToolCall[] calls = accumulator.ToolCalls.Cast<FunctionToolCall>().ToArray();
        Assert.That(calls.Select(c => (c.Id, c.Function!.Name, c.Function.Arguments)), Is.EqualTo(new[]
        {
            ("call_a", "get_weather", "{\"city\":\"Oslo\"}"),
            ("call_b", "get_time", "{\"tz\":\"CET\"}"),
        }));
        Assert.That(accumulator.RunSteps.Single().Type, Is.EqualTo(RunStepKind.ToolCalls), "inferred from the details without a created event");
    }

    [Test]
    public void Add_CodeInterpreterDeltas_BuildsTheInputAndTheOutputs()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.run.step.created", ToolStep("in_progress")),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"id":"call_ci1","type":"code_interpreter","code_interpreter":{"input":"","outputs":[]}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"code_interpreter","code_interpreter":{"input":"import math\n"}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"code_interpreter","code_interpreter":{"input":"print(math.pi)"}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"code_interpreter","code_interpreter":{"outputs":[{"index":0,"type":"logs","logs":"3.14159"}]}}]}}}"""),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"code_interpreter","code_interpreter":{"outputs":[{"index":0,"type":"logs","logs":"26535\n"},{"index":1,"type":"image","image":{"file_id":"file-plot1"}}]}}]}}}"""));

        var call = (CodeInterpreterToolCall)accumulator.ToolCalls.Single();
        Assert.Multiple(() =>
        {
            Assert.That(call.Id, Is.EqualTo("call_ci1"));
            Assert.That(call.CodeInterpreter!.Input, Is.EqualTo("import math\nprint(math.pi)"));
            Assert.That(call.CodeInterpreter.Outputs, Has.Count.EqualTo(2));
            Assert.That(((CodeInterpreterLogsOutput)call.CodeInterpreter.Outputs[0]).Logs, Is.EqualTo("3.1415926535\n"));
            Assert.That(((CodeInterpreterImageOutput)call.CodeInterpreter.Outputs[1]).Image!.FileId, Is.EqualTo("file-plot1"));
        });
    }

    [Test]
    public void Add_FileSearchCall_KeepsTheResultsOfTheCompletedStep()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.run.step.created", ToolStep("in_progress")),
            ("thread.run.step.delta", """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"id":"call_fs1","type":"file_search","file_search":{}}]}}}"""));

        var pending = (FileSearchToolCall)accumulator.ToolCalls.Single();
        Assert.That(pending.Id, Is.EqualTo("call_fs1"));
        Assert.That(pending.FileSearch!.Results, Is.Empty);

        Feed(accumulator, ("thread.run.step.completed",
            """{"id":"step_t1","object":"thread.run.step","created_at":1710000002,"run_id":"run_s1","assistant_id":"asst_s1","thread_id":"thread_s1","type":"tool_calls","status":"completed","cancelled_at":null,"completed_at":1710000004,"expires_at":null,"failed_at":null,"last_error":null,"step_details":{"type":"tool_calls","tool_calls":[{"id":"call_fs1","type":"file_search","file_search":{"ranking_options":{"ranker":"default_2024_08_21","score_threshold":0.5},"results":[{"file_id":"file-w1","file_name":"weather.txt","score":0.91,"content":[{"type":"text","text":"Paris: 18C"}]}]}}]},"usage":null}"""));

        var done = (FileSearchToolCall)accumulator.ToolCalls.Single();
        FileSearchResult result = done.FileSearch!.Results.Single();
        Assert.Multiple(() =>
        {
            Assert.That(done.Id, Is.EqualTo("call_fs1"));
            Assert.That(done.FileSearch.RankingOptions, Is.Not.Null);
            Assert.That(result.FileId, Is.EqualTo("file-w1"));
            Assert.That(result.FileName, Is.EqualTo("weather.txt"));
            Assert.That(result.Score, Is.EqualTo(0.91));
            Assert.That(result.Content.Single().Text, Is.EqualTo("Paris: 18C"));
            Assert.That(accumulator.GetRunStep("step_t1")!.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(accumulator.GetRunStep("step_t1")!.CompletedAt, Is.EqualTo(1710000004));
        });
    }

    [Test]
    public void Add_WholeRealisticRun_GivesThreadStepsMessagesAndTheFinalRun()
    {
        RunStreamAccumulator accumulator = Feed(
            ("thread.created", ThreadCreated),
            ("thread.run.created", Run("queued")),
            ("thread.run.in_progress", Run("in_progress")),
            ("thread.run.step.created", ToolStep("in_progress")),
            ("thread.run.step.delta", ToolStepDeltaName),
            ("thread.run.step.delta", ToolStepDeltaArguments1),
            ("thread.run.step.delta", ToolStepDeltaArguments2),
            ("thread.run.step.completed", ToolStepCompletedWithOutput),
            ("thread.run.step.created", MessageStep("in_progress")),
            ("thread.message.created", Message("in_progress")),
            ("thread.message.delta", MessageDelta1),
            ("thread.message.delta", MessageDelta2),
            ("thread.future.event", """{"x":1}"""),
            ("thread.message.completed", MessageCompleted),
            ("thread.run.step.completed", MessageStep("completed")),
            ("thread.run.completed", RunCompleted),
            Done);

        Assert.Multiple(() =>
        {
            Assert.That(accumulator.Thread!.Id, Is.EqualTo("thread_s1"));
            Assert.That(accumulator.Run!.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(accumulator.Run.Usage!.TotalTokens, Is.EqualTo(150));
            Assert.That(accumulator.RunSteps.Select(s => (s.Id, s.Status)), Is.EqualTo(new[]
            {
                ("step_t1", (RunStepStatus?)RunStepStatus.Completed),
                ("step_m1", (RunStepStatus?)RunStepStatus.Completed),
            }));
            var messageStep = (MessageCreationStepDetails)accumulator.RunSteps[1].StepDetails!;
            Assert.That(messageStep.MessageCreation!.MessageId, Is.EqualTo("msg_s1"));
            var call = (FunctionToolCall)accumulator.ToolCalls.Single();
            Assert.That(call.Function!.Output, Is.EqualTo("18C, sunny"));
            Assert.That(accumulator.Messages.Single().Text, Is.EqualTo("It is 18C in Paris [1]."));
            Assert.That(accumulator.Messages.Single().Status, Is.EqualTo(MessageStatus.Completed));
        });
    }

    [TestCase("""{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":1000000,"type":"text","text":{"value":"x"}}]}}""", "thread.message.delta", TestName = "Add_MessageContentIndexOfAMillion_IsRejected")]
    [TestCase("""{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":-1,"type":"text","text":{"value":"x"}}]}}""", "thread.message.delta", TestName = "Add_NegativeMessageContentIndex_IsRejected")]
    [TestCase("""{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":"x","annotations":[{"index":1000000,"type":"file_path","text":"t"}]}}]}}""", "thread.message.delta", TestName = "Add_AnnotationIndexOfAMillion_IsRejected")]
    [TestCase("""{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":1000000,"type":"function","function":{"arguments":"x"}}]}}}""", "thread.run.step.delta", TestName = "Add_ToolCallIndexOfAMillion_IsRejected")]
    [TestCase("""{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"code_interpreter","code_interpreter":{"outputs":[{"index":1000000,"type":"logs","logs":"x"}]}}]}}}""", "thread.run.step.delta", TestName = "Add_CodeInterpreterOutputIndexOfAMillion_IsRejected")]
    public void Add_AbsurdDeltaIndex_IsRejectedWithAClearExceptionAndNotApplied(string data, string eventName)
    {
        var accumulator = new RunStreamAccumulator();
        Feed(accumulator, ("thread.run.created", Run("queued")));

        var ex = Assert.Throws<OpenAIStreamException>(() => accumulator.Add(RunStreamEvent.Parse(eventName, data)));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.EventName, Is.EqualTo(eventName));
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.Message, Does.Contain("index").And.Contain("outside 0 to 4096"));
            Assert.That(accumulator.Messages.SelectMany(m => m.Content), Is.Empty, "nothing of the rejected delta was applied");
            Assert.That(accumulator.ToolCalls, Is.Empty, "nothing of the rejected delta was applied");
        });
    }

    [Test]
    public void Add_IndexAtTheConfiguredLimit_IsAcceptedAndStoredSparsely()
    {
        var accumulator = new RunStreamAccumulator(maxIndex: 100);
        Feed(accumulator, ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":100,"type":"text","text":{"value":"last"}}]}}"""));

        Assert.That(accumulator.Messages.Single().Content, Has.Count.EqualTo(1), "one part stored, not 101");
        Assert.That(accumulator.Messages.Single().Text, Is.EqualTo("last"));
        Assert.Throws<OpenAIStreamException>(() => Feed(accumulator,
            ("thread.message.delta", """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":101,"type":"text","text":{"value":"x"}}]}}""")));
    }

    [Test]
    public void Parse_EveryKnownName_MapsToItsKindAndBack()
    {
        foreach (RunStreamEventKind kind in Enum.GetValues<RunStreamEventKind>().Where(k => k != RunStreamEventKind.Unknown))
        {
            string? name = RunStreamEventNames.GetName(kind);
            Assert.That(name, Is.Not.Null, kind.ToString());
            Assert.That(RunStreamEventNames.GetKind(name), Is.EqualTo(kind), name);
        }

        Assert.That(RunStreamEventNames.GetKind("thread.run.paused"), Is.EqualTo(RunStreamEventKind.Unknown));
        Assert.That(Enum.GetValues<RunStreamEventKind>(), Has.Length.EqualTo(26), "25 events of the spec and Unknown");
    }

    [TestCase("""{"error":{"message":"boom","type":"server_error","code":"c1","param":"p1"}}""")]
    [TestCase("""{"message":"boom","type":"server_error","code":"c1","param":"p1"}""")]
    public void Parse_ErrorEvent_ReadsBothShapes(string data)
    {
        var error = (ErrorStreamEvent)RunStreamEvent.Parse("error", data);

        Assert.Multiple(() =>
        {
            Assert.That(error.Kind, Is.EqualTo(RunStreamEventKind.Error));
            Assert.That(error.ErrorMessage, Is.EqualTo("boom"));
            Assert.That(error.ErrorType, Is.EqualTo("server_error"));
            Assert.That(error.ErrorCode, Is.EqualTo("c1"));
            Assert.That(error.Param, Is.EqualTo("p1"));
        });
    }

    [Test]
    public void Constructors_NameOfAnotherFamily_AreRejected()
    {
        var run = new ThreadRun { Id = "run_1" };

        Assert.That(new RunStatusStreamEvent("thread.run.cancelling", run).Kind, Is.EqualTo(RunStreamEventKind.RunCancelling));
        Assert.Throws<ArgumentException>(() => _ = new RunStatusStreamEvent("thread.message.created", run));
        Assert.Throws<ArgumentException>(() => _ = new RunStepStreamEvent("thread.run.step.delta", new RunStep()));
        Assert.Throws<ArgumentException>(() => _ = new UnknownRunStreamEvent("thread.run.created", default));
    }
}
