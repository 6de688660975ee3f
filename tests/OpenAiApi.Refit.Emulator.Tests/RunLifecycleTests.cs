using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>Runs on a manual clock with one second between transitions: every intermediate state is observable.</summary>
[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class RunLifecycleTests(EmulatorStoreKind store)
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store, configureEmulator: ConfigureEmulator);

    [SetUp]
    public void ResetEmulator()
    {
        _harness.Reset();

        // The clock only moves forward: each test starts at the next whole minute.
        _clock.Advance(TimeSpan.FromSeconds(60 - (_clock.GetUtcNow().ToUnixTimeSeconds() % 60)));
    }

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    private void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
        options.TimeProvider = _clock;
        options.Timing = new EmulatorRunTiming { TransitionDelay = TimeSpan.FromSeconds(1) };
    }

    [Test]
    public async Task Run_ClockAdvances_GoesQueuedInProgressWritingCompleted()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("step by step");
        long t0 = _clock.GetUtcNow().ToUnixTimeSeconds();

        ThreadRun created = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun stillQueued = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        _clock.Advance(TimeSpan.FromSeconds(1));
        ThreadRun started = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        _clock.Advance(TimeSpan.FromSeconds(1));
        ThreadRun writing = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        RunStep writingStep = (await _harness.Runs.ListRunStepsAsync(thread.Id, created.Id)).Data.Single();
        ThreadMessage partial = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];
        _clock.Advance(TimeSpan.FromSeconds(1));
        ThreadRun completed = await _harness.Runs.GetRunAsync(thread.Id, created.Id);
        ThreadMessage reply = await _harness.Messages.GetMessageAsync(thread.Id, partial.Id);

        Assert.Multiple(() =>
        {
            Assert.That(created.CreatedAt, Is.EqualTo(t0));
            Assert.That(created.SuggestedPollInterval, Is.EqualTo(TimeSpan.FromSeconds(1)), "openai-poll-after-ms follows the transition delay");
            Assert.That(stillQueued.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(started.Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(started.StartedAt, Is.EqualTo(t0 + 1));
            Assert.That(writing.Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(writingStep.Status, Is.EqualTo(RunStepStatus.InProgress));
            Assert.That(writingStep.Usage, Is.Null, "usage is null while a step is in progress");
            Assert.That(partial.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(partial.Status, Is.EqualTo(MessageStatus.InProgress));
            Assert.That(partial.Content, Is.Empty);
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(completed.CompletedAt, Is.EqualTo(t0 + 3));
            Assert.That(reply.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(reply.Text, Is.EqualTo("Echo: step by step"));
        });
    }

    [Test]
    public async Task Run_ClockJumps_AppliesEveryDueTransitionWithItsOwnTimestamp()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("jump");
        ThreadRun created = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        _clock.Advance(TimeSpan.FromMinutes(1));
        ThreadRun run = await _harness.Runs.GetRunAsync(thread.Id, created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(run.StartedAt, Is.EqualTo(created.CreatedAt + 1));
            Assert.That(run.CompletedAt, Is.EqualTo(created.CreatedAt + 3));
        });
    }

    [Test]
    public async Task CreateRun_WhileARunIsActive_IsBadRequest()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("busy");
        ThreadRun active = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        OpenAIBadRequestException secondRun = await ThrowsAsync<OpenAIBadRequestException>(() => _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)));
        OpenAIBadRequestException message = await ThrowsAsync<OpenAIBadRequestException>(() => _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("more")));
        CursorPage<ThreadRun> runs = await _harness.Runs.ListRunsAsync(thread.Id);

        Assert.Multiple(() =>
        {
            Assert.That(secondRun.ErrorMessage, Is.EqualTo($"Thread {thread.Id} already has an active run {active.Id}."));
            Assert.That(secondRun.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(message.ErrorMessage, Is.EqualTo($"Can't add messages to {thread.Id} while a run {active.Id} is active."));
            Assert.That(runs.Data.Select(r => r.Id), Is.EqualTo(new[] { active.Id }));
        });
    }

    [Test]
    public async Task CreateRun_ConcurrentOnOneThread_ExactlyOneWins()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("race");

        Task<ThreadRun>[] attempts = [.. Enumerable.Range(0, 10).Select(_ => _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id)))];
        try
        {
            await Task.WhenAll(attempts);
        }
        catch (OpenAIBadRequestException)
        {
            // expected for the losers
        }

        CursorPage<ThreadRun> runs = await _harness.Runs.ListRunsAsync(thread.Id);
        Assert.Multiple(() =>
        {
            Assert.That(attempts.Count(t => t.IsCompletedSuccessfully), Is.EqualTo(1));
            Assert.That(attempts.Count(t => t.Exception?.InnerException is OpenAIBadRequestException), Is.EqualTo(9));
            Assert.That(runs.Data, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task CancelRun_WhileWriting_CancelsStepAndLeavesMessageIncomplete()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("stop me");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        long t0 = _clock.GetUtcNow().ToUnixTimeSeconds();
        _clock.Advance(TimeSpan.FromSeconds(2));
        await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        ThreadRun cancelling = await _harness.Runs.CancelRunAsync(thread.Id, run.Id);
        ThreadRun stillCancelling = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        _clock.Advance(TimeSpan.FromSeconds(1));
        ThreadRun cancelled = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        RunStep step = (await _harness.Runs.ListRunStepsAsync(thread.Id, run.Id)).Data.Single();
        ThreadMessage message = (await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { RunId = run.Id })).Data.Single();
        OpenAIBadRequestException again = await ThrowsAsync<OpenAIBadRequestException>(() => _harness.Runs.CancelRunAsync(thread.Id, run.Id));

        Assert.Multiple(() =>
        {
            Assert.That(cancelling.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(stillCancelling.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(cancelled.Status, Is.EqualTo(RunStatus.Cancelled));
            Assert.That(cancelled.CancelledAt, Is.EqualTo(t0 + 3));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Cancelled));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(message.IncompleteDetails?.Reason, Is.EqualTo("run_cancelled"));
            Assert.That(message.IncompleteAt, Is.EqualTo(cancelled.CancelledAt));
            Assert.That(again.ErrorMessage, Is.EqualTo("Cannot cancel run with status 'cancelled'."));
        });
    }

    [Test]
    public async Task Run_RequiresActionTooLong_Expires()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather please");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        _clock.Advance(TimeSpan.FromSeconds(5));
        ThreadRun waiting = await _harness.Runs.GetRunAsync(thread.Id, run.Id);

        _clock.Advance(TimeSpan.FromMinutes(10));
        ThreadRun expired = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        RunStep step = (await _harness.Runs.ListRunStepsAsync(thread.Id, run.Id)).Data.Single();
        OpenAIBadRequestException late = await ThrowsAsync<OpenAIBadRequestException>(() => _harness.Runs.SubmitToolOutputsToRunAsync(
            thread.Id, run.Id, new ToolOutputsSubmissionOptions([new ToolOutput(waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls[0].Id, "x")])));

        Assert.Multiple(() =>
        {
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(expired.Status, Is.EqualTo(RunStatus.Expired));
            Assert.That(expired.RequiredAction, Is.Null);
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Expired));
            Assert.That(step.ExpiredAt, Is.EqualTo(run.CreatedAt + 600));
            Assert.That(late.ErrorMessage, Is.EqualTo("Runs in status \"expired\" do not accept tool outputs."));
        });
    }
}
