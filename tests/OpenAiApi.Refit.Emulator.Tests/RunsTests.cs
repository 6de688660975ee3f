using System.Net;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>Runs with instant timing: queued in the create response, finished by the next request.</summary>
[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class RunsTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateRun_Defaults_IsQueuedWithTheAssistantsSettings()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("lookup");
        AssistantThread thread = await _harness.CreateThreadAsync("hello");

        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        Assert.Multiple(() =>
        {
            Assert.That(run.Id, Does.Match("^run_[A-Za-z0-9]{24}$"));
            Assert.That(run.Object, Is.EqualTo("thread.run"));
            Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(run.ThreadId, Is.EqualTo(thread.Id));
            Assert.That(run.AssistantId, Is.EqualTo(assistant.Id));
            Assert.That(run.Model, Is.EqualTo("gpt-4o-mini"));
            Assert.That(run.Instructions, Is.EqualTo("Be brief."));
            Assert.That(((FunctionToolDefinition)run.Tools.Single()).Function.Name, Is.EqualTo("lookup"));
            Assert.That(run.ExpiresAt, Is.EqualTo(run.CreatedAt + 600));
            Assert.That(run.StartedAt, Is.Null);
            Assert.That(run.CompletedAt, Is.Null);
            Assert.That(run.Usage, Is.Null);
            Assert.That(run.RequiredAction, Is.Null);
            Assert.That(run.Temperature, Is.EqualTo(1.0));
            Assert.That(run.TopP, Is.EqualTo(1.0));
            Assert.That(run.TruncationStrategy?.Type, Is.EqualTo(RunTruncationStrategyType.Auto));
            Assert.That(run.ToolChoice?.Mode, Is.EqualTo("auto"));
            Assert.That(run.ParallelToolCalls, Is.True);
            Assert.That(run.ResponseFormat?.Type, Is.EqualTo("auto"));
            Assert.That(run.Metadata, Is.Empty);
            Assert.That(run.SuggestedPollInterval, Is.EqualTo(ThreadRun.MinSuggestedPollInterval), "instant timing sends openai-poll-after-ms: 0, which the client raises to its 100 ms floor");
        });
    }

    [Test]
    public async Task CreateRun_Overrides_AreUsedByTheRun()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("lookup");
        AssistantThread thread = await _harness.CreateThreadAsync("hello");

        ThreadRun run = await _harness.Runs.CreateRunAsync(
            thread.Id,
            new RunCreationOptions(assistant.Id)
            {
                Model = "gpt-4.1",
                Instructions = "Override.",
                AdditionalInstructions = "And more.",
                Tools = [new CodeInterpreterToolDefinition()],
                Metadata = new Dictionary<string, string> { ["k"] = "v" },
                Temperature = 0.2,
                TopP = 0.3,
                MaxPromptTokens = 1000,
                MaxCompletionTokens = 500,
                TruncationStrategy = RunTruncationStrategy.ForLastMessages(3),
                ToolChoice = ToolConstraint.None,
                ParallelToolCalls = false,
                ResponseFormat = AssistantResponseFormat.Text,
            },
            [RunStepInclude.FileSearchResultContent]);

        Assert.Multiple(() =>
        {
            Assert.That(run.Model, Is.EqualTo("gpt-4.1"));
            Assert.That(run.Instructions, Is.EqualTo("Override.\nAnd more."));
            Assert.That(run.Tools.Single().Type, Is.EqualTo("code_interpreter"));
            Assert.That(run.Metadata, Is.EqualTo(new Dictionary<string, string> { ["k"] = "v" }));
            Assert.That(run.Temperature, Is.EqualTo(0.2));
            Assert.That(run.TopP, Is.EqualTo(0.3));
            Assert.That(run.MaxPromptTokens, Is.EqualTo(1000));
            Assert.That(run.MaxCompletionTokens, Is.EqualTo(500));
            Assert.That(run.TruncationStrategy?.Type, Is.EqualTo(RunTruncationStrategyType.LastMessages));
            Assert.That(run.TruncationStrategy?.LastMessages, Is.EqualTo(3));
            Assert.That(run.ToolChoice?.Mode, Is.EqualTo("none"));
            Assert.That(run.ParallelToolCalls, Is.False);
            Assert.That(run.ResponseFormat?.Type, Is.EqualTo("text"));
        });
    }

    [Test]
    public async Task GetRun_AfterCreate_IsCompletedWithUsageAndAnAssistantMessage()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun created = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        ThreadRun run = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(thread.Id);

        // Tokens are ceil(chars / 4): prompt = "Be brief." (3) + "hello" (2); completion = "Echo: hello" (3).
        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(run.StartedAt, Is.EqualTo(run.CreatedAt));
            Assert.That(run.CompletedAt, Is.EqualTo(run.CreatedAt));
            Assert.That(run.ExpiresAt, Is.Null, "a finished run no longer expires");
            Assert.That(run.Usage?.PromptTokens, Is.EqualTo(5));
            Assert.That(run.Usage?.CompletionTokens, Is.EqualTo(3));
            Assert.That(run.Usage?.TotalTokens, Is.EqualTo(8));
            ThreadMessage reply = messages.Data[0];
            Assert.That(reply.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(reply.Text, Is.EqualTo("Echo: hello"));
            Assert.That(reply.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(reply.CompletedAt, Is.EqualTo(run.CompletedAt));
            Assert.That(reply.RunId, Is.EqualTo(run.Id));
            Assert.That(reply.AssistantId, Is.EqualTo(assistant.Id));
        });
    }

    [Test]
    public async Task CreateRun_AdditionalMessages_AreAddedBeforeTheRunAndAnswered()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("first");

        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)
        {
            AdditionalMessages = [MessageCreationOptions.User("added")],
        });
        await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Order = ListOrder.Ascending });

        Assert.That(messages.Data.Select(m => m.Text), Is.EqualTo(new[] { "first", "added", "Echo: added" }));
    }

    [Test]
    public async Task CreateRun_NoUserMessage_Greets()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync();

        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { RunId = run.Id });

        Assert.That(messages.Data.Single().Text, Is.EqualTo("Hello! I am the Assistants emulator."));
    }

    [Test]
    public async Task ListRunSteps_CompletedRun_HasOneMessageCreationStep()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        CursorPage<RunStep> steps = await _harness.Runs.ListRunStepsAsync(thread.Id, run.Id, include: [RunStepInclude.FileSearchResultContent]);
        RunStep step = steps.Data.Single();
        RunStep fetched = await _harness.Runs.GetRunStepAsync(thread.Id, run.Id, step.Id);
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { RunId = run.Id })).Data.Single();

        Assert.Multiple(() =>
        {
            Assert.That(step.Id, Does.Match("^step_[A-Za-z0-9]{24}$"));
            Assert.That(step.Object, Is.EqualTo("thread.run.step"));
            Assert.That(step.Type, Is.EqualTo(RunStepKind.MessageCreation));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(step.RunId, Is.EqualTo(run.Id));
            Assert.That(step.ThreadId, Is.EqualTo(thread.Id));
            Assert.That(step.AssistantId, Is.EqualTo(assistant.Id));
            Assert.That(((MessageCreationStepDetails)step.StepDetails!).MessageCreation?.MessageId, Is.EqualTo(reply.Id));
            Assert.That(step.CompletedAt, Is.Not.Null);
            Assert.That(step.Usage?.TotalTokens, Is.EqualTo(8));
            Assert.That(fetched.Id, Is.EqualTo(step.Id));
            Assert.That(fetched.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(steps.FirstId, Is.EqualTo(step.Id));
            Assert.That(steps.HasMore, Is.False);
        });
    }

    [Test]
    public async Task ListRuns_TwoRuns_NewestFirst()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun first = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun second = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        CursorPage<ThreadRun> runs = await _harness.Runs.ListRunsAsync(thread.Id);

        Assert.Multiple(() =>
        {
            Assert.That(runs.Data.Select(r => r.Id), Is.EqualTo(new[] { second.Id, first.Id }));
            Assert.That(runs.Data.Select(r => r.Status), Is.All.EqualTo(RunStatus.Completed));
        });
    }

    [Test]
    public async Task ModifyRun_Metadata_ReplacesIt()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { Metadata = new Dictionary<string, string> { ["a"] = "1" } });

        ThreadRun modified = await _harness.Runs.ModifyRunAsync(thread.Id, run.Id, new RunModificationOptions { Metadata = new Dictionary<string, string> { ["b"] = "2" } });

        Assert.Multiple(() =>
        {
            Assert.That(modified.Id, Is.EqualTo(run.Id));
            Assert.That(modified.Metadata, Is.EqualTo(new Dictionary<string, string> { ["b"] = "2" }));
        });
    }

    [Test]
    public async Task CancelRun_Completed_IsBadRequest()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(() => _harness.Runs.CancelRunAsync(thread.Id, run.Id));

        Assert.That(error.ErrorMessage, Is.EqualTo("Cannot cancel run with status 'completed'."));
    }

    [Test]
    public async Task CancelRun_RequiresAction_GoesCancellingThenCancelled()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("call get_weather");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        ThreadRun cancelling = await _harness.Runs.CancelRunAsync(thread.Id, run.Id);
        ThreadRun cancelled = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        RunStep step = (await _harness.Runs.ListRunStepsAsync(thread.Id, run.Id)).Data.Single();

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(cancelling.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(cancelling.RequiredAction, Is.Null);
            Assert.That(cancelled.Status, Is.EqualTo(RunStatus.Cancelled));
            Assert.That(cancelled.CancelledAt, Is.Not.Null);
            Assert.That(cancelled.Usage, Is.Not.Null);
            Assert.That(step.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Cancelled));
            Assert.That(step.CancelledAt, Is.EqualTo(cancelled.CancelledAt));
        });
    }

    [Test]
    public async Task GetRun_Unknown_IsNotFound()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        OpenAINotFoundException error = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.GetRunAsync(thread.Id, "run_nope"));

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(error.ErrorMessage, Is.EqualTo("No run found with id 'run_nope'."));
        });
    }

    [Test]
    public async Task GetRunStep_Unknown_IsNotFound()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        OpenAINotFoundException error = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.GetRunStepAsync(thread.Id, run.Id, "step_nope"));

        Assert.That(error.ErrorMessage, Is.EqualTo("No run step found with id 'step_nope'."));
    }

    [Test]
    public async Task CreateRun_UnknownAssistant_IsNotFound()
    {
        AssistantThread thread = await _harness.CreateThreadAsync("hello");

        OpenAINotFoundException error = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions("asst_gone")));

        Assert.That(error.ErrorMessage, Is.EqualTo("No assistant found with id 'asst_gone'."));
    }

    [Test]
    public async Task RunSettings_AreTakenAlikeFromCreateRunAndFromCreateThreadAndRun()
    {
        // Both bodies share the client's RunSettings, and the emulator reads both through it: a setting one path kept and the
        // other dropped (reasoning_effort on create thread and run, before) shows here.
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads")).Json.GetProperty("id").GetString()!;
        const string Settings =
            """
            "model":"m2","reasoning_effort":"low","instructions":"be brief","metadata":{"k":"v"},"temperature":0.5,"top_p":0.25,
            "max_prompt_tokens":1000,"max_completion_tokens":900,"truncation_strategy":{"type":"last_messages","last_messages":3},
            "tool_choice":"none","parallel_tool_calls":false,"response_format":{"type":"json_object"}
            """;
        RawResponse viaRun = await _harness.SendAsync(HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistantId}}",{{Settings}}}""");
        RawResponse viaThread = await _harness.SendAsync(HttpMethod.Post, "threads/runs", $$"""{"assistant_id":"{{assistantId}}",{{Settings}}}""");

        foreach (RawResponse created in new[] { viaRun, viaThread })
        {
            Assert.Multiple(() =>
            {
                Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
                Assert.That(created.Json.GetProperty("model").GetString(), Is.EqualTo("m2"));
                Assert.That(created.Json.GetProperty("reasoning_effort").GetString(), Is.EqualTo("low"));
                Assert.That(created.Json.GetProperty("instructions").GetString(), Is.EqualTo("be brief"));
                Assert.That(created.Json.GetProperty("metadata").GetRawText(), Is.EqualTo("""{"k":"v"}"""));
                Assert.That(created.Json.GetProperty("temperature").GetDouble(), Is.EqualTo(0.5));
                Assert.That(created.Json.GetProperty("top_p").GetDouble(), Is.EqualTo(0.25));
                Assert.That(created.Json.GetProperty("max_prompt_tokens").GetInt32(), Is.EqualTo(1000));
                Assert.That(created.Json.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(900));
                Assert.That(created.Json.GetProperty("truncation_strategy").GetRawText(), Is.EqualTo("""{"type":"last_messages","last_messages":3}"""));
                Assert.That(created.Json.GetProperty("tool_choice").GetString(), Is.EqualTo("none"));
                Assert.That(created.Json.GetProperty("parallel_tool_calls").GetBoolean(), Is.False);
                Assert.That(created.Json.GetProperty("response_format").GetRawText(), Is.EqualTo("""{"type":"json_object"}"""));
            });
        }
    }
}
