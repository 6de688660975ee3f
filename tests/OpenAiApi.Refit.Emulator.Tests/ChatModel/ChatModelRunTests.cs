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
/// <see cref="IChatClient"/>: what the model receives, and how its streamed text, calls and usage become the run's states and
/// events (its errors, limits, cancellation and expiry are <see cref="ChatModelRunEndTests"/>).
/// </summary>
public sealed class ChatModelRunTests : EmulatorTestBase
{
    /// <summary>The extra body field that asks for a stream (the raw stream response is read event by event).</summary>
    internal static readonly Dictionary<string, JsonElement> StreamTrue = new() { ["stream"] = JsonSerializer.SerializeToElement(true) };

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

    protected override void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
        options.ChatModel.ChatClient = _model;
        options.ChatModel.Model = "served-default";
    }

    private static string DeltaText(SseItem<string> item) =>
        ((TextMessageDeltaContent)Data<MessageDelta>(item).Delta!.Content!.Single()).Text!.Value!;
}
