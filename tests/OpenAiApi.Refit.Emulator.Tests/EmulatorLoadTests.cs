using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// The emulator under load, in-process on 127.0.0.1: exactly 1,000 requests through the real client from 32 concurrent tasks, mixing
/// create, list, get, modify and delete across assistants, threads, messages and runs, plus a few streamed runs and some deliberately
/// invalid requests. Retries are off, so a server failure cannot hide behind a successful retry. Afterwards every created message is
/// listed exactly once, only the invalid requests failed (each as expected), and the emulator still answers.
/// </summary>
public sealed class EmulatorLoadTests : EmulatorTestBase
{
    private const int TotalRequests = 1_000;
    private const int Workers = 32;
    private const int MessageThreads = 8;
    private const int RunThreads = 4;

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60); // the whole load; it takes a few seconds

    private int _requests;
    private int _operations;

    [Test]
    public async Task Load_ThousandMixedRequestsFrom32Tasks_NothingLostNothingFailedButTheInvalidOnes()
    {
        Assert.That(Emulator.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        var created = new ConcurrentDictionary<string, string>(); // message id -> thread id
        var texts = new ConcurrentDictionary<string, string>(); // message id -> text
        var runs = new ConcurrentBag<(string ThreadId, string RunId)>();
        var unexpected = new ConcurrentQueue<string>();
        var invalidOutcomes = new ConcurrentQueue<Exception?>();
        int streamed = 0;

        Reserve(1 + MessageThreads + RunThreads);
        Assistant assistant = await Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o-mini") { Name = "Load", Instructions = "Be brief." });
        string[] messageThreads = await Task.WhenAll(Enumerable.Range(0, MessageThreads).Select(async i => (await Threads.CreateThreadAsync()).Id));
        string[] runThreads = await Task.WhenAll(Enumerable.Range(0, RunThreads).Select(async i => (await CreateThreadAsync($"run thread {i}")).Id));

        async Task WorkAsync()
        {
            while (true)
            {
                int op = Interlocked.Increment(ref _operations);
                int kind = op % 25;
                int cost = kind is 11 or 14 or 22 ? 2 : 1;
                if (!Reserve(cost))
                {
                    if (Volatile.Read(ref _requests) >= TotalRequests)
                    {
                        return;
                    }

                    continue; // a two-request operation that no longer fits: a one-request one may
                }

                string messageThread = messageThreads[op % MessageThreads];
                string runThread = runThreads[op % RunThreads];
                try
                {
                    switch (kind)
                    {
                        case <= 7:
                            string text = $"message {op}";
                            ThreadMessage message = await Messages.CreateMessageAsync(messageThread, MessageCreationOptions.User(text));
                            Check(message.ThreadId == messageThread && message.Text == text, $"create message {op}");
                            Check(created.TryAdd(message.Id, messageThread) && texts.TryAdd(message.Id, text), $"duplicate id {message.Id}");
                            break;
                        case 8:
                            CursorPage<ThreadMessage> page = await Messages.ListMessagesAsync(messageThread, new MessageCollectionOptions { Limit = 20 });
                            Check(page.Data.All(m => m.ThreadId == messageThread), $"list messages {op}");
                            break;
                        case 9 or 10 when created.Keys.FirstOrDefault() is string id:
                            string thread = created[id];
                            ThreadMessage got = kind == 9
                                ? await Messages.GetMessageAsync(thread, id)
                                : await Messages.ModifyMessageAsync(thread, id, new MessageModificationOptions { Metadata = new Dictionary<string, string> { ["op"] = $"{op}" } });
                            Check(got.Id == id && got.Text == texts[id], $"get/modify message {op}");
                            break;
                        case 9 or 10:
                            Check((await Threads.GetThreadAsync(messageThread)).Id == messageThread, $"get thread {op}");
                            break;
                        case 11:
                            AssistantThread scratch = await Threads.CreateThreadAsync(new ThreadCreationOptions { Metadata = new Dictionary<string, string> { ["op"] = $"{op}" } });
                            DeletionResult deleted = await Threads.DeleteThreadAsync(scratch.Id);
                            Check(deleted.Deleted && deleted.Id == scratch.Id, $"delete thread {op}");
                            break;
                        case 12:
                            Check((await Threads.GetThreadAsync(runThread)).Id == runThread, $"get thread {op}");
                            break;
                        case 13:
                            AssistantThread modified = await Threads.ModifyThreadAsync(messageThread, new ThreadModificationOptions { Metadata = new Dictionary<string, string> { ["op"] = $"{op}" } });
                            Check(modified.Metadata!["op"] == $"{op}", $"modify thread {op}");
                            break;
                        case 14:
                            ThreadRun run = await Runs.CreateRunAsync(runThread, new RunCreationOptions(assistant.Id));
                            runs.Add((runThread, run.Id));
                            ThreadRun polled = await Runs.GetRunAsync(runThread, run.Id);
                            Check(polled.Status == RunStatus.Completed, $"run {op} is {polled.Status}");
                            break;
                        case 15:
                            Check((await Runs.ListRunsAsync(runThread)).Data.All(r => r.ThreadId == runThread), $"list runs {op}");
                            break;
                        case 16 or 17 when runs.TryPeek(out (string ThreadId, string RunId) known):
                            if (kind == 16)
                            {
                                Check((await Runs.ListRunStepsAsync(known.ThreadId, known.RunId)).Data.All(s => s.RunId == known.RunId), $"list steps {op}");
                            }
                            else
                            {
                                ThreadRun tagged = await Runs.ModifyRunAsync(known.ThreadId, known.RunId, new RunModificationOptions { Metadata = new Dictionary<string, string> { ["op"] = $"{op}" } });
                                Check(tagged.Id == known.RunId, $"modify run {op}");
                            }

                            break;
                        case 16 or 17:
                            await Runs.ListRunsAsync(runThread);
                            break;
                        case 18 when op % 100 == 18: // a few streamed runs, each on its own new thread
                            var options = new ThreadAndRunCreationOptions(assistant.Id) { Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User($"stream {op}")] } };
                            var accumulator = new RunStreamAccumulator();
                            await foreach (RunStreamEvent e in Threads.CreateThreadAndRunStreamingAsync(options))
                            {
                                accumulator.Add(e);
                            }

                            Check(accumulator.Run?.Status == RunStatus.Completed && accumulator.Messages.Any(m => m.Text == $"Echo: stream {op}"), $"streamed run {op}");
                            Interlocked.Increment(ref streamed);
                            break;
                        case 18 or 19:
                            Check((await Assistants.GetAssistantAsync(assistant.Id)).Name == "Load", $"get assistant {op}");
                            break;
                        case 20:
                            await Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 5 });
                            break;
                        case 21 or 23 or 24: // deliberately invalid: unknown ids
                            Exception? outcome = null;
                            try
                            {
                                _ = kind switch
                                {
                                    21 => (object)await Messages.GetMessageAsync(messageThread, "msg_doesnotexist"),
                                    23 => await Runs.GetRunAsync(runThread, "run_doesnotexist"),
                                    _ => await Assistants.DeleteAssistantAsync("asst_doesnotexist"),
                                };
                            }
                            catch (OpenAINotFoundException ex)
                            {
                                outcome = ex;
                            }

                            invalidOutcomes.Enqueue(outcome);
                            break;
                        case 22:
                            Assistant temporary = await Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o-mini") { Name = $"temp {op}" });
                            Check((await Assistants.DeleteAssistantAsync(temporary.Id)).Deleted, $"delete assistant {op}");
                            break;
                    }
                }
                catch (Exception ex)
                {
                    unexpected.Enqueue($"op {op} (kind {kind}): {ex.GetType().Name}: {ex.Message}");
                }
            }

            void Check(bool condition, string what)
            {
                if (!condition)
                {
                    unexpected.Enqueue("wrong answer: " + what);
                }
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(_ => Task.Run(WorkAsync))).WaitAsync(Bound);
        TimeSpan elapsed = clock.Elapsed;

        var listed = new List<ThreadMessage>();
        foreach (string thread in messageThreads)
        {
            string? after = null;
            do
            {
                CursorPage<ThreadMessage> page = await Messages.ListMessagesAsync(thread, new MessageCollectionOptions { Limit = 100, Order = ListOrder.Ascending, After = after });
                listed.AddRange(page.Data);
                after = page.HasMore ? page.LastId : null;
            }
            while (after is not null);
        }

        RawResponse stillAnswers = await SendAsync(HttpMethod.Get, "assistants?limit=1");
        TestContext.Out.WriteLine($"{TotalRequests} requests from {Workers} tasks in {elapsed.TotalMilliseconds:F0} ms; {created.Count} messages, {runs.Count} runs, {streamed} streams.");
        Assert.Multiple(() =>
        {
            Assert.That(Volatile.Read(ref _requests), Is.EqualTo(TotalRequests));
            Assert.That(unexpected, Is.Empty, "no request failed or answered wrongly, but the invalid ones");
            Assert.That(invalidOutcomes, Is.Not.Empty.And.All.InstanceOf<OpenAINotFoundException>(), "every invalid request failed, as a not-found");
            Assert.That(created, Has.Count.GreaterThan(250));
            Assert.That(listed.Select(m => m.Id), Is.Unique, "no message listed twice");
            Assert.That(listed.Select(m => m.Id), Is.EquivalentTo(created.Keys), "every created message listed, nothing else");
            Assert.That(listed.Select(m => (m.Id, m.ThreadId!)), Is.EquivalentTo(created.Select(p => (p.Key, p.Value))), "each on its own thread");
            Assert.That(listed.Select(m => m.Text), Is.EquivalentTo(texts.Values));
            Assert.That(runs, Has.Count.GreaterThan(20));
            Assert.That(streamed, Is.GreaterThanOrEqualTo(5));
            Assert.That(stillAnswers.Status, Is.EqualTo(HttpStatusCode.OK), "the emulator still answers");
        });
    }

    protected override void ConfigureClient(OpenAIAssistantsClientOptions options) => options.MaxRetries = 0;

    /// <summary>Takes <paramref name="count"/> requests from the budget of 1,000; false when it would go over.</summary>
    private bool Reserve(int count)
    {
        while (true)
        {
            int current = Volatile.Read(ref _requests);
            if (current + count > TotalRequests)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _requests, current + count, current) == current)
            {
                return true;
            }
        }
    }
}
