using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Tests;

public sealed class ConcurrencyTests : EmulatorTestBase
{
    [Test]
    public async Task CreateMessage_200ConcurrentOnOneThread_AllPresentExactlyOnce()
    {
        AssistantThread thread = await CreateThreadAsync();
        string[] texts = [.. Enumerable.Range(0, 200).Select(i => $"message {i}")];

        ThreadMessage[] created = await Task.WhenAll(texts.Select(text => Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User(text))));

        var listed = new List<ThreadMessage>();
        string? after = null;
        do
        {
            CursorPage<ThreadMessage> page = await Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 100, Order = ListOrder.Ascending, After = after });
            listed.AddRange(page.Data);
            after = page.HasMore ? page.LastId : null;
        }
        while (after is not null);

        Assert.Multiple(() =>
        {
            Assert.That(created.Select(m => m.Id).Distinct().Count(), Is.EqualTo(200), "200 distinct ids were returned");
            Assert.That(listed, Has.Count.EqualTo(200), "nothing lost, nothing duplicated");
            Assert.That(listed.Select(m => m.Id), Is.EquivalentTo(created.Select(m => m.Id)));
            Assert.That(listed.Select(m => m.Text), Is.EquivalentTo(texts));
            Assert.That(listed.Select(m => m.Id).Distinct().Count(), Is.EqualTo(200));
        });
    }

    [Test]
    public async Task CreateAssistant_100Concurrent_AllListedOnce()
    {
        Assistant[] created = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => CreateAssistantAsync()));

        CursorPage<Assistant> page = await Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 100 });

        Assert.Multiple(() =>
        {
            Assert.That(page.Data.Select(a => a.Id), Is.EquivalentTo(created.Select(a => a.Id)));
            Assert.That(page.HasMore, Is.False);
        });
    }

    [Test]
    public async Task ConcurrentRunsOnSeparateThreads_AllComplete()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread[] threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => CreateThreadAsync($"thread {i}")));

        ThreadRun[] runs = await Task.WhenAll(threads.Select(t => Runs.CreateRunAsync(t.Id, new RunCreationOptions(assistant.Id))));
        ThreadRun[] finished = await Task.WhenAll(runs.Select(r => Runs.GetRunAsync(r.ThreadId!, r.Id)));
        ThreadMessage[] replies = await Task.WhenAll(threads.Select(async t => (await Messages.ListMessagesAsync(t.Id)).Data[0]));

        Assert.Multiple(() =>
        {
            Assert.That(finished.Select(r => r.Status), Is.All.EqualTo(RunStatus.Completed));
            Assert.That(replies.Select(m => m.Text), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"Echo: thread {i}")));
        });
    }
}
