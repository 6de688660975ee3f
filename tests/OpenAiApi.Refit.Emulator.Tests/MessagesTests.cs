using System.Net;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class MessagesTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateMessage_Text_ReturnsACompletedUserMessage()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        ThreadMessage message = await _harness.Messages.CreateMessageAsync(thread.Id, new MessageCreationOptions
        {
            Role = MessageRole.User,
            Content = "Hello there",
            Metadata = new Dictionary<string, string> { ["lang"] = "en" },
            Attachments = [new MessageCreationAttachment("file_abc", new CodeInterpreterToolDefinition())],
        });

        Assert.Multiple(() =>
        {
            Assert.That(message.Id, Does.Match("^msg_[A-Za-z0-9]{24}$"));
            Assert.That(message.Object, Is.EqualTo("thread.message"));
            Assert.That(message.ThreadId, Is.EqualTo(thread.Id));
            Assert.That(message.Role, Is.EqualTo(MessageRole.User));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(message.Text, Is.EqualTo("Hello there"));
            Assert.That(((TextMessageContent)message.Content.Single()).Text?.Annotations, Is.Empty);
            Assert.That(message.AssistantId, Is.Null);
            Assert.That(message.RunId, Is.Null);
            Assert.That(message.Attachments?.Single().FileId, Is.EqualTo("file_abc"));
            Assert.That(message.Attachments?.Single().Tools.Single().Type, Is.EqualTo("code_interpreter"));
            Assert.That(message.Metadata, Is.EqualTo(new Dictionary<string, string> { ["lang"] = "en" }));
        });
    }

    [Test]
    public async Task CreateMessage_ContentParts_KeepsTextAndImages()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        ThreadMessage message = await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User(MessageInputContent.FromParts(
            new TextInputContentPart("Look:"),
            new ImageUrlInputContentPart("https://example.com/cat.png", MessageImageDetail.Low),
            new ImageFileInputContentPart("file_img"))));

        Assert.Multiple(() =>
        {
            Assert.That(message.Content.Select(c => c.Type), Is.EqualTo(new[] { "text", "image_url", "image_file" }));
            Assert.That(message.Text, Is.EqualTo("Look:"));
            Assert.That(((ImageUrlMessageContent)message.Content[1]).ImageUrl?.Url, Is.EqualTo("https://example.com/cat.png"));
            Assert.That(((ImageUrlMessageContent)message.Content[1]).ImageUrl?.Detail, Is.EqualTo(MessageImageDetail.Low));
            Assert.That(((ImageFileMessageContent)message.Content[2]).ImageFile?.FileId, Is.EqualTo("file_img"));
        });
    }

    [Test]
    public async Task GetMessage_Existing_ReturnsIt()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();
        ThreadMessage created = await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("one"));

        ThreadMessage fetched = await _harness.Messages.GetMessageAsync(thread.Id, created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Id, Is.EqualTo(created.Id));
            Assert.That(fetched.CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(fetched.Text, Is.EqualTo("one"));
        });
    }

    [Test]
    public async Task GetMessage_OfAnotherThread_IsNotFound()
    {
        AssistantThread first = await _harness.CreateThreadAsync();
        AssistantThread second = await _harness.CreateThreadAsync();
        ThreadMessage message = await _harness.Messages.CreateMessageAsync(first.Id, MessageCreationOptions.User("one"));

        OpenAINotFoundException error = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Messages.GetMessageAsync(second.Id, message.Id));

        Assert.That(error.ErrorMessage, Is.EqualTo($"No message found with id '{message.Id}'."));
    }

    [Test]
    public async Task ModifyMessage_Metadata_ReplacesIt()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();
        ThreadMessage created = await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("one"));

        ThreadMessage modified = await _harness.Messages.ModifyMessageAsync(thread.Id, created.Id, new MessageModificationOptions { Metadata = new Dictionary<string, string> { ["seen"] = "yes" } });
        ThreadMessage fetched = await _harness.Messages.GetMessageAsync(thread.Id, created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(modified.Metadata, Is.EqualTo(new Dictionary<string, string> { ["seen"] = "yes" }));
            Assert.That(fetched.Metadata, Is.EqualTo(new Dictionary<string, string> { ["seen"] = "yes" }));
            Assert.That(fetched.Text, Is.EqualTo("one"));
        });
    }

    [Test]
    public async Task DeleteMessage_Existing_RemovesIt()
    {
        AssistantThread thread = await _harness.CreateThreadAsync("keep");
        ThreadMessage doomed = await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("drop"));

        DeletionResult deleted = await _harness.Messages.DeleteMessageAsync(thread.Id, doomed.Id);
        CursorPage<ThreadMessage> left = await _harness.Messages.ListMessagesAsync(thread.Id);
        OpenAINotFoundException again = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Messages.DeleteMessageAsync(thread.Id, doomed.Id));

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Id, Is.EqualTo(doomed.Id));
            Assert.That(deleted.Object, Is.EqualTo("thread.message.deleted"));
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(left.Data.Select(m => m.Text), Is.EqualTo(new[] { "keep" }));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task ListMessages_RunIdFilter_ReturnsOnlyThatRunsMessages()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("first");
        ThreadRun firstRun = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        await _harness.Runs.GetRunAsync(thread.Id, firstRun.Id);
        await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("second"));
        ThreadRun secondRun = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        CursorPage<ThreadMessage> all = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Order = ListOrder.Ascending });
        CursorPage<ThreadMessage> ofSecond = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { RunId = secondRun.Id });
        CursorPage<ThreadMessage> ofUnknown = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { RunId = "run_unknown" });

        Assert.Multiple(() =>
        {
            Assert.That(all.Data.Select(m => m.Text), Is.EqualTo(new[] { "first", "Echo: first", "second", "Echo: second" }));
            Assert.That(ofSecond.Data.Select(m => m.Text), Is.EqualTo(new[] { "Echo: second" }));
            Assert.That(ofSecond.Data.Single().RunId, Is.EqualTo(secondRun.Id));
            Assert.That(ofUnknown.Data, Is.Empty);
            Assert.That(ofUnknown.FirstId, Is.Null);
            Assert.That(ofUnknown.LastId, Is.Null);
        });
    }
}
