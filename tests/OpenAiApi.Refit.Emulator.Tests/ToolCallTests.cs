using System.Net.ServerSentEvents;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>The scripted model's function-calling rule, driven by polling.</summary>
[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class ToolCallTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task Run_MessageNamesAFunction_RequiresActionThenAnswersWithTheOutput()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("Please call get_weather city=Paris days=3.");
        ThreadRun created = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        RunToolCall call = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();
        RunStep pendingStep = (await _harness.Runs.ListRunStepsAsync(thread.Id, created.Id)).Data.Single();
        ThreadRun resumed = await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, created.Id, new ToolOutputsSubmissionOptions([new ToolOutput(call.Id, "18C and sunny")]));
        ThreadRun completed = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        CursorPage<RunStep> steps = await _harness.Runs.ListRunStepsAsync(thread.Id, created.Id, new RunStepCollectionOptions { Order = ListOrder.Ascending });
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(waiting.RequiredAction.Type, Is.EqualTo("submit_tool_outputs"));
            Assert.That(call.Id, Does.Match("^call_[A-Za-z0-9]{24}$"));
            Assert.That(call.Type, Is.EqualTo("function"));
            Assert.That(call.Function?.Name, Is.EqualTo("get_weather"));
            Assert.That(JsonDocument.Parse(call.Function!.Arguments!).RootElement.GetProperty("city").GetString(), Is.EqualTo("Paris"));
            Assert.That(JsonDocument.Parse(call.Function!.Arguments!).RootElement.GetProperty("days").GetInt32(), Is.EqualTo(3));
            Assert.That(pendingStep.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(pendingStep.Status, Is.EqualTo(RunStepStatus.InProgress));
            FunctionToolCall pendingCall = (FunctionToolCall)((ToolCallsStepDetails)pendingStep.StepDetails!).ToolCalls.Single();
            Assert.That(pendingCall.Id, Is.EqualTo(call.Id));
            Assert.That(pendingCall.Function?.Output, Is.Null);
            Assert.That(resumed.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(resumed.RequiredAction, Is.Null);
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(completed.Usage?.TotalTokens, Is.GreaterThan(0));
            Assert.That(steps.Data.Select(s => (s.Type, s.Status)), Is.EqualTo(new[]
            {
                (RunStepKind.ToolCalls, RunStepStatus.Completed),
                (RunStepKind.MessageCreation, RunStepStatus.Completed),
            }));
            FunctionToolCall answered = (FunctionToolCall)((ToolCallsStepDetails)steps.Data[0].StepDetails!).ToolCalls.Single();
            Assert.That(answered.Function?.Output, Is.EqualTo("18C and sunny"));
            Assert.That(answered.Function?.Arguments, Is.EqualTo(call.Function.Arguments));
            Assert.That(reply.Text, Is.EqualTo("The tool get_weather returned: 18C and sunny"));
            Assert.That(reply.RunId, Is.EqualTo(created.Id));
        });
    }

    [Test]
    public async Task Run_TwoFunctionsNamed_CallsBothInMentionOrder()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("GET_TIME first, then get_weather city=\"New York\"");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        IReadOnlyList<RunToolCall> calls = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls;
        await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput(calls[1].Id, "rain"), new ToolOutput(calls[0].Id, "noon")]));
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(calls.Select(c => c.Function?.Name), Is.EqualTo(new[] { "get_time", "get_weather" }));
            Assert.That(calls.Select(c => c.Function?.Arguments), Is.EqualTo(new[] { """{"city":"New York"}""", """{"city":"New York"}""" }));
            Assert.That(reply.Text, Is.EqualTo("The tool get_time returned: noon\nThe tool get_weather returned: rain"));
        });
    }

    [Test]
    public async Task Run_ArgumentsNotDeclared_AreLeftOut()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather city=Oslo unit=C metric=true");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single().Function?.Arguments, Is.EqualTo("""{"city":"Oslo"}"""));
    }

    [Test]
    public async Task Run_FunctionWithoutSchema_GetsEveryPairTyped()
    {
        Assistant assistant = await _harness.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Tools = { new FunctionToolDefinition(new FunctionDefinition("echo")) } });
        AssistantThread thread = await _harness.CreateThreadAsync("echo n=3 x=1.5 ok=false word=hi");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single().Function?.Arguments, Is.EqualTo("""{"n":3,"x":1.5,"ok":false,"word":"hi"}"""));
    }

    [Test]
    public async Task Run_OnAThreadWithAnInvalidDataUrlImage_StillAnswers()
    {
        Assistant assistant = await _harness.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"));
        AssistantThread thread = await _harness.Threads.CreateThreadAsync(new ThreadCreationOptions
        {
            Messages = [MessageCreationOptions.User(MessageInputContent.FromParts(new TextInputContentPart("Look"), new ImageUrlInputContentPart("data:nonsense")))],
        });

        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun completed = await _harness.Runs.WaitForRunAsync(thread.Id, run.Id);

        Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task Run_ArgumentsKeepTheirTextAndNumbersAsWritten()
    {
        Assistant assistant = await _harness.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Tools = { new FunctionToolDefinition(new FunctionDefinition("echo")) } });
        AssistantThread thread = await _harness.CreateThreadAsync("echo city=\"São Paulo <&> 'x'\" big=12345678901234 tiny=1e-7 neg=-2.50");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(
            waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single().Function?.Arguments,
            Is.EqualTo("""{"city":"São Paulo <&> 'x'","big":12345678901234,"tiny":1E-07,"neg":-2.5}"""));
    }

    [Test]
    public async Task Run_ParallelToolCallsOff_CallsOnlyTheFirst()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather and get_time");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ParallelToolCalls = false });

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Select(c => c.Function?.Name), Is.EqualTo(new[] { "get_weather" }));
    }

    [TestCase("get_weather now", TestName = "Run_ToolChoiceNone_MessageNamingTheFunction_EchoesInstead")]
    [TestCase("How is the weather?", TestName = "Run_ToolChoiceNone_QuestionSharingAWordWithItsName_EchoesInstead")]
    public async Task Run_ToolChoiceNone_EchoesInstead(string message)
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync(message);
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = ToolConstraint.None });

        ThreadRun done = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(reply.Text, Is.EqualTo("Echo: " + message));
        });
    }

    [Test]
    public async Task Run_ToolChoiceRequiredWithoutMention_CallsTheFirstFunctionWithEmptyArguments()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("anything");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = ToolConstraint.Required });

        RunToolCall call = (await _harness.Runs.GetRunAsync(thread.Id, run.Id)).RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();

        Assert.Multiple(() =>
        {
            Assert.That(call.Function?.Name, Is.EqualTo("get_weather"));
            Assert.That(call.Function?.Arguments, Is.EqualTo("{}"));
        });
    }

    [Test]
    public async Task Run_ToolChoiceNamesAFunction_ForcesIt()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather please");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = ToolConstraint.ForFunction("get_time") });

        RunToolCall call = (await _harness.Runs.GetRunAsync(thread.Id, run.Id)).RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();

        Assert.That(call.Function?.Name, Is.EqualTo("get_time"));
    }

    [Test]
    public async Task Run_QuestionSharingAWordWithAFunctionsName_CallsItThenAnswersWithTheOutput()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_time", "get_current_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("Is the WEATHER nice in Oslo today?");
        ThreadRun created = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        RunToolCall call = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();
        await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, created.Id, new ToolOutputsSubmissionOptions([new ToolOutput(call.Id, "mild, light wind")]));
        ThreadRun completed = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        CursorPage<RunStep> steps = await _harness.Runs.ListRunStepsAsync(thread.Id, created.Id, new RunStepCollectionOptions { Order = ListOrder.Ascending });
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(waiting.ToolChoice?.Mode, Is.EqualTo("auto"));
            Assert.That(call.Type, Is.EqualTo("function"));
            Assert.That(call.Function?.Name, Is.EqualTo("get_current_weather"));
            Assert.That(call.Function?.Arguments, Is.EqualTo("{}"), "no key=value pairs in the question");
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed), "the question is not asked again after the outputs");
            Assert.That(steps.Data.Select(s => (s.Type, s.Status)), Is.EqualTo(new[]
            {
                (RunStepKind.ToolCalls, RunStepStatus.Completed),
                (RunStepKind.MessageCreation, RunStepStatus.Completed),
            }));
            Assert.That(((FunctionToolCall)((ToolCallsStepDetails)steps.Data[0].StepDetails!).ToolCalls.Single()).Function?.Output, Is.EqualTo("mild, light wind"));
            Assert.That(reply.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(reply.Text, Is.EqualTo("The tool get_current_weather returned: mild, light wind"));
        });
    }

    [Test]
    public async Task Run_QuestionSharingWordsWithSeveralNames_CallsTheOneSharingMost()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("lookup_order_status", "lookupOrderHistory");
        AssistantThread thread = await _harness.CreateThreadAsync("Could you show me the history of my order?");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(
            waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Select(c => c.Function?.Name),
            Is.EqualTo(new[] { "lookupOrderHistory" }),
            "camel case splits the name: order and history (2) beat order (1)");
    }

    [Test]
    public async Task Run_QuestionSharingAsManyWordsWithTwoNames_CallsTheFirstOfThem()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_time", "lookup_order_status", "lookup_order_history");
        AssistantThread thread = await _harness.CreateThreadAsync("Where is my order?");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Select(c => c.Function?.Name), Is.EqualTo(new[] { "lookup_order_status" }));
    }

    [Test]
    public async Task Run_QuestionSharingNoWordWithTheOnlyFunction_CallsItWithTheMessagesPairs()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_forecast");
        AssistantThread thread = await _harness.CreateThreadAsync("Should I take an umbrella in city=Bergen?");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        RunToolCall call = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(call.Function?.Name, Is.EqualTo("get_forecast"));
            Assert.That(call.Function?.Arguments, Is.EqualTo("""{"city":"Bergen"}"""));
        });
    }

    [TestCase("Who are you?", TestName = "Run_QuestionSharingNoWordWithSeveralNames_Echoes")]
    [TestCase("What day is it?", TestName = "Run_QuestionSharingOnlyShortWordsOfNames_Echoes")]
    [TestCase("Is it timely?", TestName = "Run_QuestionContainingANameWordOnlyInsideAWord_Echoes")]
    [TestCase("Tell me the weather.", TestName = "Run_StatementSharingAWordWithAName_Echoes")]
    [TestCase("What is the weather like? Just curious", TestName = "Run_MessageWithAQuestionMarkNotAtTheEnd_Echoes")]
    public async Task Run_MessageThatCallsNoFunction_Echoes(string message)
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_day_time");
        AssistantThread thread = await _harness.CreateThreadAsync(message);
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun done = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(done.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(done.RequiredAction, Is.Null);
            Assert.That(reply.Text, Is.EqualTo("Echo: " + message));
        });
    }

    [Test]
    public async Task Run_QuestionWithToolChoiceRequired_CallsTheFirstFunctionNotTheOneSharingAWord()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_time", "get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("How is the weather?");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = ToolConstraint.Required });

        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Select(c => c.Function?.Name), Is.EqualTo(new[] { "get_time" }));
    }

    [Test]
    public async Task CreateThreadAndRun_StreamedQuestion_StreamsTheCallThenTheReplyAfterTheOutputs()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_forecast");
        Dictionary<string, JsonElement> stream = new() { ["stream"] = JsonSerializer.SerializeToElement(true) };

        using HttpResponseMessage first = await _harness.Threads.CreateThreadAndRunStreamResponseAsync(new ThreadAndRunCreationOptions(assistant.Id)
        {
            Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User("Do I need a coat tonight?")] },
            AdditionalProperties = stream,
        });
        List<SseItem<string>> firstEvents = await ReadEventsAsync(first);
        AssistantThread thread = Data<AssistantThread>(firstEvents[0]);
        ThreadRun waiting = Data<ThreadRun>(firstEvents[^2]);
        RunStepDelta[] callDeltas = [.. firstEvents.Where(e => e.EventType == "thread.run.step.delta").Select(Data<RunStepDelta>)];
        RunToolCall call = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();

        using HttpResponseMessage second = await _harness.Runs.SubmitToolOutputsToRunStreamResponseAsync(
            thread.Id, waiting.Id, new ToolOutputsSubmissionOptions([new ToolOutput(call.Id, "cold")]) { AdditionalProperties = stream });
        List<SseItem<string>> secondEvents = await ReadEventsAsync(second);
        string streamedText = string.Concat(secondEvents.Where(e => e.EventType == "thread.message.delta")
            .Select(e => ((TextMessageDeltaContent)Data<MessageDelta>(e).Delta!.Content!.Single()).Text!.Value));

        Assert.Multiple(() =>
        {
            Assert.That(firstEvents.Select(e => e.EventType), Is.EqualTo(new[]
            {
                "thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress",
                "thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta", "thread.run.step.delta",
                "thread.run.requires_action", "done",
            }));
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(waiting.ThreadId, Is.EqualTo(thread.Id));
            FunctionToolCallDelta head = (FunctionToolCallDelta)((ToolCallsStepDeltaDetails)callDeltas[0].Delta!.StepDetails!).ToolCalls.Single();
            FunctionToolCallDelta arguments = (FunctionToolCallDelta)((ToolCallsStepDeltaDetails)callDeltas[1].Delta!.StepDetails!).ToolCalls.Single();
            Assert.That(head.Id, Is.EqualTo(call.Id));
            Assert.That(head.Function?.Name, Is.EqualTo("get_forecast"));
            Assert.That(arguments.Function?.Arguments, Is.EqualTo("{}"));
            Assert.That(secondEvents.Select(e => e.EventType).Where(n => n != "thread.message.delta"), Is.EqualTo(new[]
            {
                "thread.run.step.completed", "thread.run.queued", "thread.run.in_progress",
                "thread.run.step.created", "thread.run.step.in_progress", "thread.message.created", "thread.message.in_progress",
                "thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done",
            }));
            Assert.That(streamedText, Is.EqualTo("The tool get_forecast returned: cold"));
            Assert.That(Data<ThreadRun>(secondEvents[^2]).Status, Is.EqualTo(RunStatus.Completed));
        });
    }

    [Test]
    public async Task CreateRun_ToolChoiceNamesAnUnknownFunction_IsBadRequest()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("hi");

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(() =>
            _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = ToolConstraint.ForFunction("nope"), AdditionalMessages = [MessageCreationOptions.User("x")] }));
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(thread.Id);

        Assert.Multiple(() =>
        {
            Assert.That(error.Param, Is.EqualTo("tool_choice.function.name"));
            Assert.That(messages.Data.Select(m => m.Text), Is.EqualTo(new[] { "hi" }), "a refused run adds no message");
        });
    }

    [Test]
    public async Task Run_NameOnlyInsideAWord_DoesNotCall()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("forget_time_zone");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun done = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.That(done.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task SubmitToolOutputs_RunNotWaiting_IsBadRequest()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(() =>
            _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_x", "1")])));

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorMessage, Is.EqualTo("Runs in status \"completed\" do not accept tool outputs."));
            Assert.That(error.ErrorType, Is.EqualTo("invalid_request_error"));
        });
    }

    [Test]
    public async Task SubmitToolOutputs_UnknownCallId_IsBadRequestAndTheRunKeepsWaiting()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(() =>
            _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_wrong", "1")])));
        ThreadRun still = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        Assert.Multiple(() =>
        {
            Assert.That(error.Param, Is.EqualTo("tool_outputs[0].tool_call_id"));
            Assert.That(error.ErrorMessage, Does.Contain("call_wrong"));
            Assert.That(still.Status, Is.EqualTo(RunStatus.RequiresAction));
        });
    }

    [Test]
    public async Task SubmitToolOutputs_MissingOneOfTwo_IsBadRequest()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather get_time");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        IReadOnlyList<RunToolCall> calls = (await _harness.Runs.GetRunAsync(thread.Id, run.Id)).RequiredAction!.SubmitToolOutputs!.ToolCalls;

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(() =>
            _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput(calls[0].Id, "1")])));

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("missing_tool_outputs"));
            Assert.That(error.ErrorMessage, Does.Contain(calls[1].Id));
        });
    }
}
