using System.Net;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class PaginationTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    private async Task<(AssistantThread Thread, List<string> Ids)> ThreadWithMessagesAsync(int count)
    {
        AssistantThread thread = await _harness.CreateThreadAsync();
        var ids = new List<string>();
        for (int i = 0; i < count; i++)
        {
            ids.Add((await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User($"m{i}"))).Id);
        }

        return (thread, ids);
    }

    [Test]
    public async Task ListMessages_AfterCursorAscending_WalksEveryPageOnce()
    {
        (AssistantThread thread, List<string> ids) = await ThreadWithMessagesAsync(25);
        var seen = new List<string>();
        var hasMore = new List<bool>();
        string? after = null;

        do
        {
            CursorPage<ThreadMessage> page = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 10, Order = ListOrder.Ascending, After = after });
            Assert.That(page.FirstId, Is.EqualTo(page.Data[0].Id));
            Assert.That(page.LastId, Is.EqualTo(page.Data[^1].Id));
            seen.AddRange(page.Data.Select(m => m.Id));
            hasMore.Add(page.HasMore);
            after = page.HasMore ? page.LastId : null;
        }
        while (after is not null);

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(ids));
            Assert.That(hasMore, Is.EqualTo(new[] { true, true, false }));
        });
    }

    [Test]
    public async Task ListMessages_DefaultOrder_IsNewestFirstWithLimit20()
    {
        (AssistantThread thread, List<string> ids) = await ThreadWithMessagesAsync(22);

        CursorPage<ThreadMessage> page = await _harness.Messages.ListMessagesAsync(thread.Id);

        Assert.Multiple(() =>
        {
            Assert.That(page.Data.Select(m => m.Id), Is.EqualTo(Enumerable.Reverse(ids).Take(20)));
            Assert.That(page.HasMore, Is.True);
        });
    }

    [Test]
    public async Task ListMessages_DescendingAfter_ContinuesTowardsOlder()
    {
        (AssistantThread thread, List<string> ids) = await ThreadWithMessagesAsync(6);

        CursorPage<ThreadMessage> page = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 2, After = ids[4] });

        Assert.Multiple(() =>
        {
            Assert.That(page.Data.Select(m => m.Id), Is.EqualTo(new[] { ids[3], ids[2] }));
            Assert.That(page.HasMore, Is.True);
        });
    }

    [Test]
    public async Task ListMessages_Before_ReturnsTheItemsJustInFrontOfTheCursor()
    {
        (AssistantThread thread, List<string> ids) = await ThreadWithMessagesAsync(6);

        CursorPage<ThreadMessage> ascending = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 2, Order = ListOrder.Ascending, Before = ids[4] });
        CursorPage<ThreadMessage> descending = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 2, Before = ids[1] });
        CursorPage<ThreadMessage> first = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 5, Order = ListOrder.Ascending, Before = ids[2] });

        Assert.Multiple(() =>
        {
            Assert.That(ascending.Data.Select(m => m.Id), Is.EqualTo(new[] { ids[2], ids[3] }));
            Assert.That(ascending.HasMore, Is.True);
            Assert.That(descending.Data.Select(m => m.Id), Is.EqualTo(new[] { ids[3], ids[2] }));
            Assert.That(descending.HasMore, Is.True);
            Assert.That(first.Data.Select(m => m.Id), Is.EqualTo(new[] { ids[0], ids[1] }));
            Assert.That(first.HasMore, Is.False);
        });
    }

    [Test]
    public async Task ListMessages_CursorOfADeletedMessage_StillPositions()
    {
        (AssistantThread thread, List<string> ids) = await ThreadWithMessagesAsync(4);
        await _harness.Messages.DeleteMessageAsync(thread.Id, ids[1]);

        CursorPage<ThreadMessage> page = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Order = ListOrder.Ascending, After = ids[1] });

        Assert.That(page.Data.Select(m => m.Id), Is.EqualTo(new[] { ids[2], ids[3] }));
    }

    [Test]
    public async Task ListAssistants_Pages_CoverAllWithoutDuplicates()
    {
        var ids = new List<string>();
        for (int i = 0; i < 7; i++)
        {
            ids.Add((await _harness.CreateAssistantAsync()).Id);
        }

        CursorPage<Assistant> first = await _harness.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 4 });
        CursorPage<Assistant> second = await _harness.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 4, After = first.LastId });

        Assert.Multiple(() =>
        {
            Assert.That(first.Data.Concat(second.Data).Select(a => a.Id), Is.EqualTo(Enumerable.Reverse(ids)));
            Assert.That(first.HasMore, Is.True);
            Assert.That(second.HasMore, Is.False);
        });
    }

    [Test]
    public async Task ListRunsAndSteps_Pages_Work()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("hello");
        var runIds = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
            await _harness.Runs.GetRunAsync(thread.Id, run.Id);
            runIds.Add(run.Id);
        }

        await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("get_weather"));
        ThreadRun toolRun = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        RunToolCall call = (await _harness.Runs.GetRunAsync(thread.Id, toolRun.Id)).RequiredAction!.SubmitToolOutputs!.ToolCalls[0];
        await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, toolRun.Id, new ToolOutputsSubmissionOptions([new ToolOutput(call.Id, "ok")]));

        CursorPage<ThreadRun> runs = await _harness.Runs.ListRunsAsync(thread.Id, new RunCollectionOptions { Limit = 2, Order = ListOrder.Ascending, After = runIds[0] });
        CursorPage<RunStep> firstStep = await _harness.Runs.ListRunStepsAsync(thread.Id, toolRun.Id, new RunStepCollectionOptions { Limit = 1 });
        CursorPage<RunStep> secondStep = await _harness.Runs.ListRunStepsAsync(thread.Id, toolRun.Id, new RunStepCollectionOptions { Limit = 1, After = firstStep.LastId });

        Assert.Multiple(() =>
        {
            Assert.That(runs.Data.Select(r => r.Id), Is.EqualTo(new[] { runIds[1], runIds[2] }));
            Assert.That(runs.HasMore, Is.True);
            Assert.That(firstStep.Data.Single().Type, Is.EqualTo(RunStepKind.MessageCreation), "newest first");
            Assert.That(firstStep.HasMore, Is.True);
            Assert.That(secondStep.Data.Single().Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(secondStep.HasMore, Is.False);
        });
    }

    [TestCase("limit=0", "limit", "integer_below_min_value")]
    [TestCase("limit=101", "limit", "integer_above_max_value")]
    [TestCase("limit=ten", "limit", "invalid_type")]
    [TestCase("order=sideways", "order", "invalid_value")]
    [TestCase("after=msg..1", "after", "invalid_value")]
    [TestCase("before=msg_unknown", "before", "invalid_value")]
    [TestCase("run_id=run%2F1", "run_id", "invalid_value")]
    public async Task ListMessages_BadQuery_IsBadRequestNamingTheParameter(string query, string param, string code)
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Get, $"threads/{thread.Id}/messages?{query}");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo(code));
            Assert.That(response.Error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        });
    }

    [Test]
    public async Task ListMessages_LimitOver100_MessageMatchesTheRealService()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Get, $"threads/{thread.Id}/messages?limit=101");

        Assert.That(response.Error.GetProperty("message").GetString(),
            Is.EqualTo("Invalid 'limit': integer above maximum value. Expected a value <= 100, but got 101 instead."));
    }

    [Test]
    public async Task ListRunSteps_UnknownInclude_IsBadRequest()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Get, $"threads/{thread.Id}/runs/run_x/steps?include[]=everything");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo("include[]"));
        });
    }
}
