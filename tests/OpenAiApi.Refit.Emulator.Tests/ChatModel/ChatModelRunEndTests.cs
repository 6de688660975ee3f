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
/// How a run answered by a chat model ends other than by completing: the model's errors, token limits and budgets, cancellation
/// (of the run, by deleting its thread, while waiting for tool outputs) and expiry, driven by a scripted fake
/// <see cref="IChatClient"/>.
/// </summary>
public sealed class ChatModelRunEndTests : EmulatorTestBase
{
    private readonly FakeChatClient _model = new();

    [SetUp]
    public void ResetModel() => _model.Reset();

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

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = ChatModelRunTests.StreamTrue });
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
}
