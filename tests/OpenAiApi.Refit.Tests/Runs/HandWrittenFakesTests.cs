using System.Collections.Concurrent;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Tests.Runs;

/// <summary>The helpers are built on the interfaces only: a user's hand-written fakes drive them, with no HTTP at all.</summary>
public sealed class HandWrittenFakesTests
{
    [Test]
    public async Task WaitForRun_OverAFake_PollsWithTheConfiguredIntervalSinceAFakeSetsNoHint()
    {
        var runs = new FakeRunsApi();
        runs.GetResults.Enqueue(Run("queued"));
        runs.GetResults.Enqueue(Run("in_progress"));
        runs.GetResults.Enqueue(Run("completed"));
        var time = new TestClock();

        ThreadRun run = await runs.WaitForRunAsync("thread_1", "run_1", new RunWaitOptions { PollInterval = TimeSpan.FromSeconds(3), TimeProvider = time });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(runs.Calls, Is.EqualTo(new[] { "get thread_1/run_1", "get thread_1/run_1", "get thread_1/run_1" }));
        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(3) }));
    }

    [Test]
    public async Task WaitForRun_OverAFakeThatSuggestsAnInterval_PollsAtTheSuggestedInterval()
    {
        var runs = new FakeRunsApi();
        ThreadRun queued = Run("queued");
        queued.SuggestedPollInterval = TimeSpan.FromMilliseconds(250);
        runs.GetResults.Enqueue(queued);
        runs.GetResults.Enqueue(Run("completed"));
        var time = new TestClock();

        ThreadRun run = await runs.WaitForRunAsync("thread_1", "run_1", new RunWaitOptions { PollInterval = TimeSpan.FromSeconds(3), TimeProvider = time });

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(250) }), "the fake's hint, not the configured 3 s");
    }

    [Test]
    public async Task RunToCompletion_OverFakes_CallsTheFunctionSubmitsAndListsTheRunsMessages()
    {
        var runs = new FakeRunsApi { CreateResult = Run("requires_action", ("call_1", "add", """{"a":20,"b":22}""")) };
        runs.SubmitResults.Enqueue(Run("in_progress"));
        runs.GetResults.Enqueue(Run("completed"));
        var messages = new FakeMessagesApi();
        messages.Pages.Enqueue(new CursorPage<ThreadMessage> { Data = [new ThreadMessage { Id = "msg_1", RunId = "run_1" }], LastId = "msg_1", HasMore = true });
        messages.Pages.Enqueue(new CursorPage<ThreadMessage> { Data = [new ThreadMessage { Id = "msg_2", RunId = "run_1" }], LastId = "msg_2", HasMore = false });
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");
        var options = new RunCompletionOptions { PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) } };

        RunCompletionResult result = await runs.RunToCompletionAsync(messages, "thread_1", new RunCreationOptions("asst_1"), tools, options);

        Assert.Multiple(() =>
        {
            Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(result.Rounds, Is.EqualTo(1));
            Assert.That(result.Messages.Select(m => m.Id), Is.EqualTo(new[] { "msg_1", "msg_2" }));
            Assert.That(runs.Calls, Is.EqualTo(new[] { "create thread_1 asst_1", "submit thread_1/run_1", "get thread_1/run_1" }));
            Assert.That(runs.Submitted.Single().ToolOutputs.Select(o => (o.ToolCallId, o.Output)), Is.EqualTo(new[] { ("call_1", (string?)"42") }));
            Assert.That(messages.Queries.Select(q => (q.RunId, q.Order, q.After)), Is.EqualTo(new[]
            {
                ("run_1", (ListOrder?)ListOrder.Ascending, (string?)null),
                ("run_1", (ListOrder?)ListOrder.Ascending, (string?)"msg_1"),
            }));
        });
    }

    [Test]
    public async Task GetAllRuns_OverAFake_FollowsTheCursor()
    {
        var runs = new FakeRunsApi();
        runs.Pages.Enqueue(new CursorPage<ThreadRun> { Data = [Run("completed")], LastId = "run_1", HasMore = true });
        runs.Pages.Enqueue(new CursorPage<ThreadRun> { Data = [Run("failed")], LastId = "run_2", HasMore = false });

        var statuses = new List<RunStatus?>();
        await foreach (ThreadRun run in runs.GetAllRunsAsync("thread_1", new RunCollectionOptions { Limit = 1 }))
        {
            statuses.Add(run.Status);
        }

        Assert.That(statuses, Is.EqualTo(new RunStatus?[] { RunStatus.Completed, RunStatus.Failed }));
        Assert.That(runs.Calls, Is.EqualTo(new[] { "list thread_1 after= limit=1", "list thread_1 after=run_1 limit=1" }));
    }

    private static ThreadRun Run(string status, params (string Id, string Name, string Arguments)[] calls) => new()
    {
        Id = "run_1",
        ThreadId = "thread_1",
        Status = new RunStatus(status),
        RequiredAction = calls.Length == 0 ? null : new RequiredAction
        {
            Type = "submit_tool_outputs",
            SubmitToolOutputs = new RunSubmitToolOutputs
            {
                ToolCalls = [.. calls.Select(c => new RunToolCall { Id = c.Id, Type = "function", Function = new RunToolCallFunction { Name = c.Name, Arguments = c.Arguments } })],
            },
        },
    };

    private sealed class FakeRunsApi : IRunsApi
    {
        public ConcurrentQueue<string> CallLog { get; } = new();

        public IReadOnlyList<string> Calls => [.. CallLog];

        public ThreadRun? CreateResult { get; init; }

        public Queue<ThreadRun> GetResults { get; } = new();

        public Queue<ThreadRun> SubmitResults { get; } = new();

        public Queue<CursorPage<ThreadRun>> Pages { get; } = new();

        public List<ToolOutputsSubmissionOptions> Submitted { get; } = [];

        public Task<CursorPage<ThreadRun>> ListRunsAsync(string threadId, RunCollectionOptions? options = null, CancellationToken cancellationToken = default)
        {
            CallLog.Enqueue($"list {threadId} after={options?.After} limit={options?.Limit}");
            return Task.FromResult(Pages.Dequeue());
        }

        public Task<ThreadRun> CreateRunAsync(string threadId, RunCreationOptions options, IEnumerable<RunStepInclude>? include = null, CancellationToken cancellationToken = default)
        {
            CallLog.Enqueue($"create {threadId} {options.AssistantId}");
            return Task.FromResult(CreateResult!);
        }

        public Task<ThreadRun> GetRunAsync(string threadId, string runId, CancellationToken cancellationToken = default)
        {
            CallLog.Enqueue($"get {threadId}/{runId}");
            return Task.FromResult(GetResults.Dequeue());
        }

        public Task<ThreadRun> SubmitToolOutputsToRunAsync(string threadId, string runId, ToolOutputsSubmissionOptions options, CancellationToken cancellationToken = default)
        {
            CallLog.Enqueue($"submit {threadId}/{runId}");
            Submitted.Add(options);
            return Task.FromResult(SubmitResults.Dequeue());
        }

        public Task<HttpResponseMessage> CreateRunStreamResponseAsync(string threadId, RunCreationOptions options, IEnumerable<RunStepInclude>? include = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ThreadRun> ModifyRunAsync(string threadId, string runId, RunModificationOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ThreadRun> CancelRunAsync(string threadId, string runId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<HttpResponseMessage> SubmitToolOutputsToRunStreamResponseAsync(string threadId, string runId, ToolOutputsSubmissionOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<CursorPage<RunStep>> ListRunStepsAsync(string threadId, string runId, RunStepCollectionOptions? options = null, IEnumerable<RunStepInclude>? include = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<RunStep> GetRunStepAsync(string threadId, string runId, string stepId, IEnumerable<RunStepInclude>? include = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }

    private sealed class FakeMessagesApi : IMessagesApi
    {
        public Queue<CursorPage<ThreadMessage>> Pages { get; } = new();

        public List<MessageCollectionOptions> Queries { get; } = [];

        public Task<CursorPage<ThreadMessage>> ListMessagesAsync(string threadId, MessageCollectionOptions? options = null, CancellationToken cancellationToken = default)
        {
            Queries.Add(options!);
            return Task.FromResult(Pages.Dequeue());
        }

        public Task<ThreadMessage> CreateMessageAsync(string threadId, MessageCreationOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ThreadMessage> GetMessageAsync(string threadId, string messageId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<ThreadMessage> ModifyMessageAsync(string threadId, string messageId, MessageModificationOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DeletionResult> DeleteMessageAsync(string threadId, string messageId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
