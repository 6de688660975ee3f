using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Emulator.Tests.ChatModel;

/// <summary>
/// Runs answered by a chat model (<see cref="EmulatorChatModelOptions.ChatClient"/>), driven by a scripted fake
/// <see cref="IChatClient"/>: what the model receives, and how its streamed text, calls, usage, errors, token limits,
/// cancellation and expiry become the run's states and events.
/// </summary>
public sealed class ChatModelRunTests : EmulatorTestBase
{
    private static readonly Dictionary<string, JsonElement> StreamTrue = new() { ["stream"] = JsonSerializer.SerializeToElement(true) };
    private readonly FakeChatClient _model = new();

    [SetUp]
    public void ResetModel() => _model.Reset();

    [Test]
    public async Task PolledRun_ProgressesInTheBackground_WithTheModelsTextAndUsage()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Say hello");
        FakeTurn turn = _model.Next();

        ThreadRun created = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await turn.Started.Task; // no request since the create: the run works in the background
        turn.Text("Hel");
        await turn.ConsumedAsync(1);
        ThreadMessage partial = (await Messages.ListMessagesAsync(thread.Id)).Data[0];
        ThreadRun working = await Runs.GetRunAsync(thread.Id, created.Id);
        turn.Text("lo there").Usage(21, 4).Finish(ChatFinishReason.Stop).End();
        ThreadRun completed = await Runs.WaitForRunAsync(thread.Id, created.Id);
        ThreadMessage reply = (await Messages.ListMessagesAsync(thread.Id)).Data[0];
        RunStep step = (await Runs.ListRunStepsAsync(thread.Id, created.Id)).Data.Single();

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(partial.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(partial.Status, Is.EqualTo(MessageStatus.InProgress));
            Assert.That(partial.Text, Is.EqualTo("Hel"));
            Assert.That(working.Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(working.Usage, Is.Null);
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(completed.CompletedAt, Is.Not.Null);
            Assert.That(completed.Usage?.PromptTokens, Is.EqualTo(21));
            Assert.That(completed.Usage?.CompletionTokens, Is.EqualTo(4));
            Assert.That(completed.Usage?.TotalTokens, Is.EqualTo(25));
            Assert.That(reply.Id, Is.EqualTo(partial.Id));
            Assert.That(reply.Text, Is.EqualTo("Hello there"));
            Assert.That(reply.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(reply.RunId, Is.EqualTo(created.Id));
            Assert.That(step.Type, Is.EqualTo(RunStepKind.MessageCreation));
            Assert.That(step.Usage?.TotalTokens, Is.EqualTo(25));
            Assert.That(_model.Requests.Single().Options?.ModelId, Is.EqualTo("gpt-4o-mini"));
        });
    }

    [Test]
    public async Task Run_SendsInstructionsMessagesToolsAndSettings_AsChatMessagesAndOptions()
    {
        Assistant assistant = await CreateAssistantAsync("get_weather");
        AssistantThread thread = await Threads.CreateThreadAsync(new ThreadCreationOptions
        {
            Messages =
            [
                MessageCreationOptions.User("What is this?"),
                MessageCreationOptions.Assistant("A picture, please."),
                MessageCreationOptions.User(MessageInputContent.FromParts(
                    new TextInputContentPart("Here:"), new ImageUrlInputContentPart("https://example.com/cat.png"))),
            ],
        });
        _model.NextText("A cat.");
        JsonElement schema = JsonDocument.Parse("""{"type":"object","properties":{"answer":{"type":"string"}}}""").RootElement;

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)
        {
            AdditionalInstructions = "Answer in French.",
            Temperature = 0.5,
            TopP = 0.25,
            MaxCompletionTokens = 300,
            ToolChoice = ToolConstraint.ForFunction("get_weather"),
            ParallelToolCalls = false,
            ResponseFormat = AssistantResponseFormat.CreateJsonSchema("reply", schema, "The reply."),
        });
        await Runs.WaitForRunAsync(thread.Id, run.Id);

        FakeRequest request = _model.Requests.Single();
        ChatOptions options = request.Options!;
        AIFunctionDeclaration function = options.Tools!.OfType<AIFunctionDeclaration>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.User }));
            Assert.That(request.Messages[0].Text, Is.EqualTo("Be brief.\nAnswer in French."));
            Assert.That(request.Messages[1].Text, Is.EqualTo("What is this?"));
            Assert.That(request.Messages[2].Text, Is.EqualTo("A picture, please."));
            Assert.That(request.Messages[3].Contents.OfType<TextContent>().Single().Text, Is.EqualTo("Here:"));
            Assert.That(request.Messages[3].Contents.OfType<UriContent>().Single().Uri, Is.EqualTo(new Uri("https://example.com/cat.png")));
            Assert.That(options.ModelId, Is.EqualTo("gpt-4o-mini"));
            Assert.That(options.Temperature, Is.EqualTo(0.5f));
            Assert.That(options.TopP, Is.EqualTo(0.25f));
            Assert.That(options.MaxOutputTokens, Is.EqualTo(300));
            Assert.That(options.AllowMultipleToolCalls, Is.False);
            Assert.That(options.ToolMode, Is.EqualTo(ChatToolMode.RequireSpecific("get_weather")));
            Assert.That(function.Name, Is.EqualTo("get_weather"));
            Assert.That(function.Description, Is.EqualTo("A test function."));
            Assert.That(function.JsonSchema.GetProperty("properties").GetProperty("city").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(options.ResponseFormat, Is.TypeOf<ChatResponseFormatJson>());
            Assert.That(((ChatResponseFormatJson)options.ResponseFormat!).SchemaName, Is.EqualTo("reply"));
            Assert.That(((ChatResponseFormatJson)options.ResponseFormat!).Schema?.GetProperty("properties").GetProperty("answer").GetProperty("type").GetString(), Is.EqualTo("string"));
        });
    }

    [Test]
    public async Task Run_ToolChoiceNoneAndJsonObject_AndTruncationToTheLastMessages()
    {
        Assistant assistant = await CreateAssistantAsync("get_weather");
        AssistantThread thread = await CreateThreadAsync("one", "two", "three");
        _model.NextText("ok");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)
        {
            Instructions = "Override.",
            ToolChoice = ToolConstraint.None,
            ResponseFormat = AssistantResponseFormat.JsonObject,
            TruncationStrategy = RunTruncationStrategy.ForLastMessages(2),
        });
        await Runs.WaitForRunAsync(thread.Id, run.Id);

        FakeRequest request = _model.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Messages.Select(m => m.Text), Is.EqualTo(new[] { "Override.", "two", "three" }));
            Assert.That(request.Options!.ToolMode, Is.EqualTo(ChatToolMode.None));
            Assert.That(request.Options.AllowMultipleToolCalls, Is.True);
            Assert.That(request.Options.ResponseFormat, Is.EqualTo(ChatResponseFormat.Json));
        });
    }

    [TestCase("required")]
    [TestCase("auto")]
    [TestCase(null)]
    public async Task ToolChoiceRequiredOrAuto_BecomesTheChatToolMode(string? mode)
    {
        Assistant assistant = await CreateAssistantAsync("get_weather");
        AssistantThread thread = await CreateThreadAsync("Weather?");
        _model.NextText("ok");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { ToolChoice = mode is null ? null : ToolConstraint.FromMode(mode) });
        await Runs.WaitForRunAsync(thread.Id, run.Id);

        Assert.That(_model.Requests.Single().Options!.ToolMode, Is.EqualTo(mode == "required" ? ChatToolMode.RequireAny : ChatToolMode.Auto));
    }

    [Test]
    public async Task StreamedRun_SendsEachModelChunk_TheMomentTheModelStreamsIt()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Stream it");
        FakeTurn turn = _model.Next();
        turn.Text("Hello");

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        await using Stream body = await response.Content.ReadAsStreamAsync();
        await using IAsyncEnumerator<SseItem<string>> events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        var names = new List<string>();
        var deltas = new List<string>();
        while (await events.MoveNextAsync() && events.Current.EventType != "thread.message.delta")
        {
            names.Add(events.Current.EventType);
        }

        deltas.Add(DeltaText(events.Current)); // the model has not finished: only "Hello" exists yet
        names.Add(events.Current.EventType);
        turn.Text(" brave").Text(" world").Usage(9, 3).Finish(ChatFinishReason.Stop).End();
        ThreadRun? completed = null;
        while (await events.MoveNextAsync())
        {
            names.Add(events.Current.EventType);
            if (events.Current.EventType == "thread.message.delta")
            {
                deltas.Add(DeltaText(events.Current));
            }
            else if (events.Current.EventType == "thread.run.completed")
            {
                completed = Data<ThreadRun>(events.Current);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(names, Is.EqualTo(new[]
            {
                "thread.run.created", "thread.run.queued", "thread.run.in_progress",
                "thread.run.step.created", "thread.run.step.in_progress",
                "thread.message.created", "thread.message.in_progress",
                "thread.message.delta", "thread.message.delta", "thread.message.delta",
                "thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done",
            }));
            Assert.That(deltas, Is.EqualTo(new[] { "Hello", " brave", " world" }));
            Assert.That(completed?.Usage?.TotalTokens, Is.EqualTo(12));
        });
    }

    [Test]
    public async Task ParallelFunctionCalls_RequireAction_WithTheModelsArgumentsVerbatim_ThenTheConversationContinues()
    {
        Assistant assistant = await CreateAssistantAsync("get_weather", "get_time");
        AssistantThread thread = await CreateThreadAsync("Weather and time in Paris, then Lyon");
        _model.Next()
            .Call("call_w1", "get_weather", """{"city":"Paris","days":2}""")
            .Call("call_t1", "get_time", """{"city":"Paris"}""")
            .Usage(30, 12).Finish(ChatFinishReason.ToolCalls).End();
        _model.Next().Call("call_w2", "get_weather", """{"city":"Lyon"}""").Usage(50, 6).Finish(ChatFinishReason.ToolCalls).End();
        _model.NextText("Paris: 18C at 10:00. Lyon: 20C.");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun first = await Runs.WaitForRunAsync(thread.Id, run.Id);
        await Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_w1", "18C"), new ToolOutput("call_t1", "10:00")]));
        ThreadRun second = await Runs.WaitForRunAsync(thread.Id, run.Id);
        await Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_w2", "20C")]));
        ThreadRun completed = await Runs.WaitForRunAsync(thread.Id, run.Id);
        List<RunStep> steps = [.. (await Runs.ListRunStepsAsync(thread.Id, run.Id, new RunStepCollectionOptions { Order = ListOrder.Ascending })).Data];
        FakeRequest[] requests = [.. _model.Requests];

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(first.RequiredAction?.SubmitToolOutputs?.ToolCalls.Select(c => (c.Id, c.Function?.Name, c.Function?.Arguments)), Is.EqualTo(new[]
            {
                ("call_w1", "get_weather", """{"city":"Paris","days":2}"""),
                ("call_t1", "get_time", """{"city":"Paris"}"""),
            }));
            Assert.That(second.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(second.RequiredAction?.SubmitToolOutputs?.ToolCalls.Single().Function?.Arguments, Is.EqualTo("""{"city":"Lyon"}"""));
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(completed.Usage?.PromptTokens, Is.EqualTo(30 + 50 + 11));
            Assert.That(steps.Select(s => (s.Type, s.Status)), Is.EqualTo(new[]
            {
                (RunStepKind.ToolCalls, RunStepStatus.Completed), (RunStepKind.ToolCalls, RunStepStatus.Completed), (RunStepKind.MessageCreation, RunStepStatus.Completed),
            }));
            Assert.That(((FunctionToolCall)((ToolCallsStepDetails)steps[0].StepDetails!).ToolCalls[1]).Function?.Output, Is.EqualTo("10:00"));

            // The second request carries the first round; the third carries both, in order.
            Assert.That(requests, Has.Length.EqualTo(3));
            Assert.That(requests[1].Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool }));
            Assert.That(requests[1].Messages[2].Contents.OfType<FunctionCallContent>().Select(c => (c.CallId, c.Name, JsonSerializer.Serialize(c.Arguments))),
                Is.EqualTo(new[] { ("call_w1", "get_weather", """{"city":"Paris","days":2}"""), ("call_t1", "get_time", """{"city":"Paris"}""") }));
            Assert.That(requests[1].Messages[3].Contents.OfType<FunctionResultContent>().Select(r => (r.CallId, r.Result)),
                Is.EqualTo(new[] { ("call_w1", (object?)"18C"), ("call_t1", "10:00") }));
            Assert.That(requests[2].Messages.Select(m => m.Role), Is.EqualTo(new[] { ChatRole.System, ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Assistant, ChatRole.Tool }));
            Assert.That(requests[2].Messages[5].Contents.OfType<FunctionResultContent>().Single().Result, Is.EqualTo("20C"));
        });
    }

    [TestCase(429, "rate_limit_exceeded")]
    [TestCase(400, "invalid_prompt")]
    [TestCase(503, "server_error")]
    public async Task ModelError_FailsTheRun_WithLastError(int status, string code)
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Hi");
        _model.Next().Text("Partial").Fail(new HttpRequestException("The backend said no.", null, (HttpStatusCode)status));

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun failed = await Runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadMessage message = (await Messages.ListMessagesAsync(thread.Id)).Data[0];
        RunStep step = (await Runs.ListRunStepsAsync(thread.Id, run.Id)).Data.Single();

        Assert.Multiple(() =>
        {
            Assert.That(failed.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(failed.FailedAt, Is.Not.Null);
            Assert.That(failed.LastError?.Code, Is.EqualTo(code));
            Assert.That(failed.LastError?.Message, Is.EqualTo($"The chat model failed (HTTP {status}): The backend said no."));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(message.IncompleteDetails?.Reason, Is.EqualTo("run_failed"));
            Assert.That(message.Text, Is.EqualTo("Partial"));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Failed));
        });
    }

    [Test]
    public async Task ModelError_WithoutStatus_IsAServerError_AndAnErrorContentIsAnInvalidPrompt()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Hi");
        _model.Next().Fail(new InvalidOperationException("Connection refused."));
        _model.Next().Send(new ChatResponseUpdate { Contents = [new ErrorContent("Prompt rejected by the content filter.")] }).End();

        ThreadRun first = await Runs.WaitForRunAsync(thread.Id, (await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id))).Id);
        ThreadRun second = await Runs.WaitForRunAsync(thread.Id, (await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id))).Id);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(first.LastError?.Code, Is.EqualTo("server_error"));
            Assert.That(first.LastError?.Message, Is.EqualTo("The chat model failed: Connection refused."));
            Assert.That(second.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(second.LastError?.Code, Is.EqualTo("invalid_prompt"));
            Assert.That(second.LastError?.Message, Does.Contain("Prompt rejected by the content filter."));
        });
    }

    [Test]
    public async Task TokenLimit_MakesTheRunIncomplete()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Write a novel");
        _model.Next().Text("It was a dark").Usage(8, 5).Finish(ChatFinishReason.Length).End();

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { MaxCompletionTokens = 256 });
        ThreadRun incomplete = await Runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadMessage message = (await Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(incomplete.Status, Is.EqualTo(RunStatus.Incomplete));
            Assert.That(incomplete.IncompleteDetails?.Reason, Is.EqualTo("max_completion_tokens"));
            Assert.That(incomplete.Usage?.CompletionTokens, Is.EqualTo(5));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(message.IncompleteDetails?.Reason, Is.EqualTo("max_tokens"));
            Assert.That(message.Text, Is.EqualTo("It was a dark"));
            Assert.That(_model.Requests.Single().Options?.MaxOutputTokens, Is.EqualTo(256));
        });
    }

    [Test]
    public async Task CompletionBudget_SpansTheRun_EachTurnGetsWhatIsLeft_AndASpentBudgetEndsTheRunWithoutAModelCall()
    {
        Assistant assistant = await CreateAssistantAsync("get_weather");
        AssistantThread thread = await CreateThreadAsync("Weather in Paris, then Lyon?");
        _model.Next().Call("call_1", "get_weather", """{"city":"Paris"}""").Usage(20, 4).Finish(ChatFinishReason.ToolCalls).End();
        _model.Next().Call("call_2", "get_weather", """{"city":"Lyon"}""").Usage(30, 6).Finish(ChatFinishReason.ToolCalls).End();
        _model.NextText("never asked");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { MaxCompletionTokens = 10 });
        await Runs.WaitForRunAsync(thread.Id, run.Id);
        await Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_1", "sunny")]));
        ThreadRun second = await Runs.WaitForRunAsync(thread.Id, run.Id);
        await Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput("call_2", "rainy")]));
        ThreadRun incomplete = await Runs.WaitForRunAsync(thread.Id, run.Id);
        FakeRequest[] requests = [.. _model.Requests];

        Assert.Multiple(() =>
        {
            Assert.That(second.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(incomplete.Status, Is.EqualTo(RunStatus.Incomplete));
            Assert.That(incomplete.IncompleteDetails?.Reason, Is.EqualTo("max_completion_tokens"));
            Assert.That(incomplete.Usage?.CompletionTokens, Is.EqualTo(10));
            Assert.That(requests.Select(r => r.Options?.MaxOutputTokens), Is.EqualTo(new int?[] { 10, 6 }), "no third call: the budget is spent");
        });
    }

    [Test]
    public async Task MaxPromptTokens_BelowThePrompt_EndsTheRunIncompleteWithoutAModelCall()
    {
        Assistant assistant = await CreateAssistantAsync(); // instructions "Be brief." (3 tokens, one per four characters)
        AssistantThread thread = await CreateThreadAsync("Say hello"); // 3 tokens
        _model.NextText("never asked");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { MaxPromptTokens = 5 });
        ThreadRun incomplete = await Runs.WaitForRunAsync(thread.Id, run.Id);
        CursorPage<RunStep> steps = await Runs.ListRunStepsAsync(thread.Id, run.Id);

        Assert.Multiple(() =>
        {
            Assert.That(incomplete.Status, Is.EqualTo(RunStatus.Incomplete));
            Assert.That(incomplete.IncompleteDetails?.Reason, Is.EqualTo("max_prompt_tokens"));
            Assert.That(steps.Data, Is.Empty);
            Assert.That(_model.Requests, Is.Empty);
        });
    }

    [Test]
    public async Task Cancel_CancelsTheModelCallInFlight()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Take your time");
        FakeTurn turn = _model.Next().Text("Thinking");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await turn.ConsumedAsync(1); // the model is now slow: nothing more comes until the call is cancelled
        ThreadRun cancelling = await Runs.CancelRunAsync(thread.Id, run.Id);
        await turn.Cancelled.Task;
        ThreadRun cancelled = await Runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadMessage message = (await Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(cancelling.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(cancelled.Status, Is.EqualTo(RunStatus.Cancelled));
            Assert.That(cancelled.CancelledAt, Is.Not.Null);
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(message.IncompleteDetails?.Reason, Is.EqualTo("run_cancelled"));
        });
    }

    [Test]
    public async Task DeletingTheThread_CancelsTheModelCallInFlight_AndTheRunWritesNothing()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Take your time");
        FakeTurn turn = _model.Next().Text("Thinking");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await turn.ConsumedAsync(1); // the model is now slow: nothing more comes until the call is cancelled
        DeletionResult deleted = await Threads.DeleteThreadAsync(thread.Id);

        // Without the cancellation the call would wait for ever: the bound turns that hang into a failure.
        await turn.Cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1));
        OpenAINotFoundException getRun = await ThrowsAsync<OpenAINotFoundException>(() => Runs.GetRunAsync(thread.Id, run.Id));
        OpenAINotFoundException getThread = await ThrowsAsync<OpenAINotFoundException>(() => Threads.GetThreadAsync(thread.Id));

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(turn.Cancelled.Task.IsCompletedSuccessfully, Is.True);
            Assert.That(getRun.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(getThread.ErrorMessage, Is.EqualTo($"No thread found with id '{thread.Id}'."));
            Assert.That(_model.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task DeletingTheThread_WhileItsRunStreams_CancelsTheModelCall_AndEndsTheStream()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("Stream it");
        FakeTurn turn = _model.Next().Text("Hello");

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        await using Stream body = await response.Content.ReadAsStreamAsync();
        await using IAsyncEnumerator<SseItem<string>> events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        while (await events.MoveNextAsync() && events.Current.EventType != "thread.message.delta")
        {
        }

        await Threads.DeleteThreadAsync(thread.Id);
        await turn.Cancelled.Task.WaitAsync(TimeSpan.FromMinutes(1)); // without the cancellation the call (and the stream) would wait for ever
        var rest = new List<string>();
        while (await events.MoveNextAsync())
        {
            rest.Add(events.Current.EventType);
        }

        Assert.That(rest, Is.EqualTo(new[] { "done" }), "nothing more of the deleted thread's run, then the end");
    }

    [Test]
    public async Task Cancel_WhileWaitingForToolOutputs_CancelsWithoutAModelCall()
    {
        Assistant assistant = await CreateAssistantAsync("get_weather");
        AssistantThread thread = await CreateThreadAsync("Weather?");
        _model.Next().Call("call_1", "get_weather", "{}").End();

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await Runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadRun cancelling = await Runs.CancelRunAsync(thread.Id, run.Id);
        ThreadRun cancelled = await Runs.WaitForRunAsync(thread.Id, run.Id);

        Assert.Multiple(() =>
        {
            Assert.That(cancelling.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(cancelled.Status, Is.EqualTo(RunStatus.Cancelled));
            Assert.That(_model.Requests, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task CodeInterpreterAndFileSearch_AreRefused_ForAModelBackedRun()
    {
        Assistant assistant = await Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Tools = { new CodeInterpreterToolDefinition() } });
        AssistantThread thread = await CreateThreadAsync("Run some code");

        OpenAIBadRequestException refused = await ThrowsAsync<OpenAIBadRequestException>(() => Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)));
        OpenAIBadRequestException refusedOnRun = await ThrowsAsync<OpenAIBadRequestException>(() => Runs.CreateRunAsync(
            thread.Id, new RunCreationOptions(assistant.Id) { Tools = [new FileSearchToolDefinition()] }));
        _model.NextText("No code needed.");
        ThreadRun functionsOnly = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { Tools = [] });

        Assert.Multiple(() =>
        {
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.ErrorCode, Is.EqualTo("unsupported_tool"));
            Assert.That(refused.Param, Is.EqualTo("tools"));
            Assert.That(refused.ErrorMessage, Does.Contain("cannot run 'code_interpreter' tools"));
            Assert.That(refusedOnRun.ErrorMessage, Does.Contain("cannot run 'file_search' tools"));
            Assert.That(functionsOnly.Status, Is.EqualTo(RunStatus.Queued));
        });
        await Runs.WaitForRunAsync(thread.Id, functionsOnly.Id);
    }

    [Test]
    public async Task ModelNotServed_FallsBackToTheDefaultModel_AndRemembersIt()
    {
        Assistant assistant = await Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-unserved"));
        AssistantThread thread = await CreateThreadAsync("Hi");
        _model.Next().Fail(new HttpRequestException("model 'gpt-unserved' not found", null, HttpStatusCode.NotFound));
        _model.NextText("Hi from the default");
        _model.NextText("Again");

        ThreadRun first = await Runs.WaitForRunAsync(thread.Id, (await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id))).Id);
        ThreadRun second = await Runs.WaitForRunAsync(thread.Id, (await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id))).Id);

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(second.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(first.Model, Is.EqualTo("gpt-unserved"));
            Assert.That(_model.Requests.Select(r => r.Options?.ModelId), Is.EqualTo(new[] { "gpt-unserved", "served-default", "served-default" }));
        });
    }

    [Test]
    public async Task ExpiresAt_CancelsTheModelCallInFlight_AndExpiresTheRun()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
        var model = new FakeChatClient();
        var options = new AssistantsEmulatorOptions { TimeProvider = time, RunExpiration = TimeSpan.FromMinutes(1) };
        options.ChatModel.ChatClient = model;
        await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync(options);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestClock());
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.ApiKey = emulator.ApiKey;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IRunsApi runs = provider.GetRequiredService<IRunsApi>();
        Assistant assistant = await provider.GetRequiredService<IAssistantsApi>().CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"));
        AssistantThread thread = await provider.GetRequiredService<IThreadsApi>().CreateThreadAsync(new ThreadCreationOptions { Messages = [MessageCreationOptions.User("Think long")] });
        FakeTurn turn = model.Next().Text("Still thinking");

        ThreadRun run = await runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await turn.ConsumedAsync(1);
        time.Advance(TimeSpan.FromMinutes(1));
        await turn.Cancelled.Task;
        ThreadRun expired = await runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadMessage message = (await provider.GetRequiredService<IMessagesApi>().ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(run.ExpiresAt, Is.EqualTo(time.Start.AddMinutes(1).ToUnixTimeSeconds()));
            Assert.That(expired.Status, Is.EqualTo(RunStatus.Expired));
            Assert.That(expired.ExpiresAt, Is.Null);
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(message.IncompleteDetails?.Reason, Is.EqualTo("run_expired"));
            Assert.That(message.Text, Is.EqualTo("Still thinking"));
        });
    }

    protected override void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
        options.ChatModel.ChatClient = _model;
        options.ChatModel.Model = "served-default";
    }

    private static string DeltaText(SseItem<string> item) =>
        ((TextMessageDeltaContent)Data<MessageDelta>(item).Delta!.Content!.Single()).Text!.Value!;
}
