using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class ThreadsTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateThread_WithMessagesAndMetadata_StoresBoth()
    {
        var options = new ThreadCreationOptions
        {
            Messages = [MessageCreationOptions.User("Hi"), MessageCreationOptions.Assistant("Hello")],
            Metadata = new Dictionary<string, string> { ["user"] = "42" },
            ToolResources = new ToolResources { FileSearch = new FileSearchToolResources { VectorStoreIds = ["vs_1"] } },
        };

        AssistantThread thread = await _harness.Threads.CreateThreadAsync(options);
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Order = ListOrder.Ascending });

        Assert.Multiple(() =>
        {
            Assert.That(thread.Id, Does.Match("^thread_[A-Za-z0-9]{24}$"));
            Assert.That(thread.Object, Is.EqualTo("thread"));
            Assert.That(thread.CreatedAt, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(5));
            Assert.That(thread.Metadata, Is.EqualTo(new Dictionary<string, string> { ["user"] = "42" }));
            Assert.That(thread.ToolResources?.FileSearch?.VectorStoreIds, Is.EqualTo(new[] { "vs_1" }));
            Assert.That(messages.Data.Select(m => (m.Role?.Value, m.Text)), Is.EqualTo(new[] { ("user", "Hi"), ("assistant", "Hello") }));
            Assert.That(messages.Data.Select(m => m.ThreadId), Is.All.EqualTo(thread.Id));
        });
    }

    [Test]
    public async Task CreateThread_NoBody_CreatesAnEmptyThread()
    {
        AssistantThread thread = await _harness.Threads.CreateThreadAsync();
        RawResponse raw = await _harness.SendAsync(HttpMethod.Post, "threads");

        Assert.Multiple(() =>
        {
            Assert.That(thread.Metadata, Is.Empty);
            Assert.That((int)raw.Status, Is.EqualTo(200), "an empty body is allowed on create thread");
            Assert.That(raw.Json.GetProperty("id").GetString(), Does.StartWith("thread_"));
        });
    }

    [Test]
    public async Task GetThread_Existing_ReturnsIt()
    {
        AssistantThread created = await _harness.Threads.CreateThreadAsync(new ThreadCreationOptions { Metadata = new Dictionary<string, string> { ["k"] = "v" } });

        AssistantThread fetched = await _harness.Threads.GetThreadAsync(created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Id, Is.EqualTo(created.Id));
            Assert.That(fetched.CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(fetched.Metadata, Is.EqualTo(created.Metadata));
        });
    }

    [Test]
    public async Task ModifyThread_Metadata_ReplacesIt()
    {
        AssistantThread created = await _harness.Threads.CreateThreadAsync(new ThreadCreationOptions { Metadata = new Dictionary<string, string> { ["a"] = "1" } });

        AssistantThread modified = await _harness.Threads.ModifyThreadAsync(created.Id, new ThreadModificationOptions { Metadata = new Dictionary<string, string> { ["b"] = "2" } });
        AssistantThread fetched = await _harness.Threads.GetThreadAsync(created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(modified.Metadata, Is.EqualTo(new Dictionary<string, string> { ["b"] = "2" }));
            Assert.That(fetched.Metadata, Is.EqualTo(new Dictionary<string, string> { ["b"] = "2" }));
        });
    }

    [Test]
    public async Task DeleteThread_Existing_RemovesItAndItsMessages()
    {
        AssistantThread thread = await _harness.CreateThreadAsync("hello");

        DeletionResult deleted = await _harness.Threads.DeleteThreadAsync(thread.Id);
        OpenAINotFoundException getThread = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Threads.GetThreadAsync(thread.Id));
        OpenAINotFoundException listMessages = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Messages.ListMessagesAsync(thread.Id));
        OpenAINotFoundException deleteAgain = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Threads.DeleteThreadAsync(thread.Id));

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Id, Is.EqualTo(thread.Id));
            Assert.That(deleted.Object, Is.EqualTo("thread.deleted"));
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(getThread.ErrorMessage, Is.EqualTo($"No thread found with id '{thread.Id}'."));
            Assert.That(listMessages.ErrorMessage, Is.EqualTo($"No thread found with id '{thread.Id}'."));
            Assert.That(deleteAgain.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task CreateThreadAndRun_Polled_CompletesWithAnEchoOfTheUserMessage()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();

        ThreadRun run = await _harness.Threads.CreateThreadAndRunAsync(new ThreadAndRunCreationOptions(assistant.Id)
        {
            Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User("What time is it?")] },
            Metadata = new Dictionary<string, string> { ["source"] = "test" },
        });
        ThreadRun finished = await _harness.Runs.GetRunAsync(run.ThreadId!, run.Id);
        CursorPage<ThreadMessage> messages = await _harness.Messages.ListMessagesAsync(run.ThreadId!, new MessageCollectionOptions { Order = ListOrder.Ascending });

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(run.ThreadId, Does.StartWith("thread_"));
            Assert.That(run.AssistantId, Is.EqualTo(assistant.Id));
            Assert.That(run.Metadata, Is.EqualTo(new Dictionary<string, string> { ["source"] = "test" }));
            Assert.That(finished.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(messages.Data.Select(m => m.Text), Is.EqualTo(new[] { "What time is it?", "Echo: What time is it?" }));
            Assert.That(messages.Data[1].RunId, Is.EqualTo(run.Id));
            Assert.That(messages.Data[1].AssistantId, Is.EqualTo(assistant.Id));
        });
    }

    [Test]
    public async Task CreateThreadAndRun_UnknownAssistant_Is404NoAssistantFound()
    {
        // Raw HTTP: the client maps any 404 on POST /threads/runs to AssistantsApiUnavailableException (see the report).
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "threads/runs", """{"assistant_id":"asst_missing","thread":{"messages":[{"role":"user","content":"x"}]}}""");

        Assert.Multiple(() =>
        {
            Assert.That((int)response.Status, Is.EqualTo(404));
            Assert.That(response.Error.GetProperty("message").GetString(), Is.EqualTo("No assistant found with id 'asst_missing'."));
            Assert.That(response.Error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
        });
    }
}
