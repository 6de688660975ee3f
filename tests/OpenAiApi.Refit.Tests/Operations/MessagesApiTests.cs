using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The five message operations on the wire, including the <c>run_id</c> filter of the list.</summary>
public sealed class MessagesApiTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task ListMessages_WithAllOptions_SendsQueryIncludingRunIdAndReadsPage()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages", Payloads.MessageList);

        CursorPage<ThreadMessage> page = await _stub.Messages.ListMessagesAsync(
            "thread_abc123",
            new MessageCollectionOptions { Limit = 2, Order = ListOrder.Descending, After = "msg_after1", Before = "msg_before1", RunId = "run_abc123" });

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/messages");
        Assert.That(
            Wire.QueryOf(_stub.SingleRequest),
            Is.EquivalentTo(new[] { ("limit", "2"), ("order", "desc"), ("after", "msg_after1"), ("before", "msg_before1"), ("run_id", "run_abc123") }));
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(page.FirstId, Is.EqualTo("msg_abc123"));
            Assert.That(page.LastId, Is.EqualTo("msg_cut1"));
            Assert.That(page.HasMore, Is.False);
            Assert.That(page.Data, Has.Count.EqualTo(2));
        }

        Expected.AssistantMessage(page.Data[0]);
        Expected.IncompleteMessage(page.Data[1]);
    }

    [Test]
    public async Task ListMessages_WithOnlyRunId_SendsOnlyRunId()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages", """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}""");

        CursorPage<ThreadMessage> page = await _stub.Messages.ListMessagesAsync("thread_abc123", new MessageCollectionOptions { RunId = "run_abc123" });

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/messages");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EqualTo(new[] { ("run_id", "run_abc123") }));
        Assert.That(page.Data, Is.Empty);
    }

    [Test]
    public async Task ListMessages_WithoutOptions_SendsNoQuery()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages", Payloads.MessageList);

        await _stub.Messages.ListMessagesAsync("thread_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/messages");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
    }

    [Test]
    public async Task CreateMessage_WithTextAttachmentsAndMetadata_SendsBodyAndReadsMessage()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.UserMessage);
        var options = new MessageCreationOptions
        {
            Role = MessageRole.User,
            Content = "What is 6 times 7?",
            Attachments = [new MessageCreationAttachment("file-att2", new FileSearchToolDefinition())],
            Metadata = new Dictionary<string, string> { ["source"] = "web" },
        };

        ThreadMessage message = await _stub.Messages.CreateMessageAsync("thread_abc123", options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/messages");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "role", "content", "attachments", "metadata");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(body.GetProperty("content").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(body.GetProperty("content").GetString(), Is.EqualTo("What is 6 times 7?"));
            Assert.That(body.GetProperty("attachments").GetArrayLength(), Is.EqualTo(1));
            JsonElement attachment = body.GetProperty("attachments")[0];
            Wire.AssertNames(attachment, "file_id", "tools");
            Assert.That(attachment.GetProperty("file_id").GetString(), Is.EqualTo("file-att2"));
            Assert.That(attachment.GetProperty("tools").GetArrayLength(), Is.EqualTo(1));
            Wire.AssertNames(attachment.GetProperty("tools")[0], "type");
            Assert.That(attachment.GetProperty("tools")[0].GetProperty("type").GetString(), Is.EqualTo("file_search"));
            Wire.AssertNames(body.GetProperty("metadata"), "source");
            Assert.That(body.GetProperty("metadata").GetProperty("source").GetString(), Is.EqualTo("web"));
        }

        Expected.UserMessage(message);
    }

    [Test]
    public async Task CreateMessage_AsAssistantWithOnlyContent_SendsRoleAndContentOnly()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.AssistantMessage);

        ThreadMessage message = await _stub.Messages.CreateMessageAsync("thread_abc123", MessageCreationOptions.Assistant("Noted."));

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/messages");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "role", "content");
        Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("assistant"));
        Assert.That(body.GetProperty("content").GetString(), Is.EqualTo("Noted."));
        Expected.AssistantMessage(message);
    }

    [Test]
    public async Task GetMessage_WithIds_SendsGetAndReadsEveryContentKindAndAnnotation()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", Payloads.AssistantMessage);

        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/messages/msg_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.AssistantMessage(message);
    }

    [Test]
    public async Task GetMessage_Incomplete_ReadsIncompleteDetails()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_cut1", Payloads.IncompleteMessage);

        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_cut1");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/messages/msg_cut1");
        Expected.IncompleteMessage(message);
    }

    [Test]
    public async Task ModifyMessage_WithMetadata_SendsOnlyMetadata()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages/msg_user1", Payloads.UserMessage);
        var options = new MessageModificationOptions { Metadata = new Dictionary<string, string> { ["source"] = "web", ["flag"] = "" } };

        ThreadMessage message = await _stub.Messages.ModifyMessageAsync("thread_abc123", "msg_user1", options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/messages/msg_user1");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "metadata");
        Wire.AssertNames(body.GetProperty("metadata"), "source", "flag");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("metadata").GetProperty("source").GetString(), Is.EqualTo("web"));
            Assert.That(body.GetProperty("metadata").GetProperty("flag").GetString(), Is.Empty);
        }

        Expected.UserMessage(message);
    }

    [Test]
    public async Task DeleteMessage_WithIds_SendsDeleteAndReadsResult()
    {
        _stub.Given("DELETE", "/v1/threads/thread_abc123/messages/msg_abc123", Payloads.MessageDeleted);

        DeletionResult result = await _stub.Messages.DeleteMessageAsync("thread_abc123", "msg_abc123");

        AssertRequest(_stub.SingleRequest, "DELETE", "/v1/threads/thread_abc123/messages/msg_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.Deletion(result, "msg_abc123", "thread.message.deleted");
    }
}
