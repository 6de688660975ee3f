using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The five thread operations (create, create-and-run, get, modify, delete) on the wire.</summary>
public sealed class ThreadsApiTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task CreateThread_WithMessagesAndToolResources_SendsBodyAndReadsThread()
    {
        _stub.Given("POST", "/v1/threads", Payloads.Thread);
        var options = new ThreadCreationOptions
        {
            Messages =
            [
                new MessageCreationOptions
                {
                    Role = MessageRole.User,
                    Content = "What is 6 times 7?",
                    Attachments = [new MessageCreationAttachment("file-att1", new CodeInterpreterToolDefinition(), new FileSearchToolDefinition())],
                    Metadata = new Dictionary<string, string> { ["source"] = "web" },
                },
                MessageCreationOptions.Assistant(MessageInputContent.FromParts(
                    new TextInputContentPart("Here is the chart:"),
                    new ImageFileInputContentPart("file-img1", MessageImageDetail.Auto))),
            ],
            ToolResources = new ToolResources
            {
                CodeInterpreter = new CodeInterpreterToolResources { FileIds = ["file-ci1"] },
                FileSearch = new FileSearchToolResources { VectorStoreIds = ["vs_thread1"] },
            },
            Metadata = new Dictionary<string, string> { ["topic"] = "fractions" },
        };

        AssistantThread thread = await _stub.Threads.CreateThreadAsync(options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "messages", "tool_resources", "metadata");
        JsonElement messages = body.GetProperty("messages");
        Assert.That(messages.GetArrayLength(), Is.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            JsonElement user = messages[0];
            Wire.AssertNames(user, "role", "content", "attachments", "metadata");
            Assert.That(user.GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(user.GetProperty("content").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(user.GetProperty("content").GetString(), Is.EqualTo("What is 6 times 7?"));
            JsonElement attachment = user.GetProperty("attachments")[0];
            Assert.That(user.GetProperty("attachments").GetArrayLength(), Is.EqualTo(1));
            Wire.AssertNames(attachment, "file_id", "tools");
            Assert.That(attachment.GetProperty("file_id").GetString(), Is.EqualTo("file-att1"));
            Wire.AssertJson(attachment.GetProperty("tools"), """[{"type":"code_interpreter"},{"type":"file_search"}]""", "attachment tools");
            Wire.AssertNames(user.GetProperty("metadata"), "source");
            Assert.That(user.GetProperty("metadata").GetProperty("source").GetString(), Is.EqualTo("web"));

            JsonElement assistant = messages[1];
            Wire.AssertNames(assistant, "role", "content");
            Assert.That(assistant.GetProperty("role").GetString(), Is.EqualTo("assistant"));
            JsonElement parts = assistant.GetProperty("content");
            Assert.That(parts.GetArrayLength(), Is.EqualTo(2));
            Wire.AssertNames(parts[0], "type", "text");
            Assert.That(parts[0].GetProperty("type").GetString(), Is.EqualTo("text"));
            Assert.That(parts[0].GetProperty("text").GetString(), Is.EqualTo("Here is the chart:"));
            Wire.AssertNames(parts[1], "type", "image_file");
            Assert.That(parts[1].GetProperty("type").GetString(), Is.EqualTo("image_file"));
            Wire.AssertNames(parts[1].GetProperty("image_file"), "file_id", "detail");
            Assert.That(parts[1].GetProperty("image_file").GetProperty("file_id").GetString(), Is.EqualTo("file-img1"));
            Assert.That(parts[1].GetProperty("image_file").GetProperty("detail").GetString(), Is.EqualTo("auto"));
        }

        using (Assert.EnterMultipleScope())
        {
            JsonElement resources = body.GetProperty("tool_resources");
            Wire.AssertNames(resources, "code_interpreter", "file_search");
            Wire.AssertNames(resources.GetProperty("code_interpreter"), "file_ids");
            Assert.That(Wire.Strings(resources.GetProperty("code_interpreter").GetProperty("file_ids")), Is.EqualTo(new[] { "file-ci1" }));
            Wire.AssertNames(resources.GetProperty("file_search"), "vector_store_ids");
            Assert.That(Wire.Strings(resources.GetProperty("file_search").GetProperty("vector_store_ids")), Is.EqualTo(new[] { "vs_thread1" }));
            Wire.AssertNames(body.GetProperty("metadata"), "topic");
            Assert.That(body.GetProperty("metadata").GetProperty("topic").GetString(), Is.EqualTo("fractions"));
        }

        Expected.Thread(thread);
    }

    [Test]
    public async Task CreateThread_WithEmptyOptions_SendsEmptyObject()
    {
        _stub.Given("POST", "/v1/threads", Payloads.Thread);

        AssistantThread thread = await _stub.Threads.CreateThreadAsync(new ThreadCreationOptions());

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads");
        Wire.AssertNames(BodyOf(_stub.SingleRequest));
        Expected.Thread(thread);
    }

    [Test]
    public async Task CreateThread_WithoutOptions_CreatesAnEmptyThread()
    {
        // The interface documents options as optional ("null for an empty thread") and the spec marks the body optional.
        _stub.Given("POST", "/v1/threads", Payloads.Thread);

        AssistantThread thread = await _stub.Threads.CreateThreadAsync();

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads");
        Wire.AssertNames(BodyOf(_stub.SingleRequest)); // an empty JSON object: servers may reject a POST without a JSON body

        Expected.Thread(thread);
    }

    [Test]
    public async Task CreateThreadAndRun_WithEveryField_SendsBodyAndReadsRun()
    {
        _stub.Given("POST", "/v1/threads/runs", Payloads.RunQueued);
        var options = new ThreadAndRunCreationOptions("asst_abc123")
        {
            Thread = new ThreadCreationOptions
            {
                Messages = [MessageCreationOptions.User("Plot y = x^2.")],
                ToolResources = new ToolResources { CodeInterpreter = new CodeInterpreterToolResources { FileIds = ["file-data1"] } },
                Metadata = new Dictionary<string, string> { ["origin"] = "cli" },
            },
            Model = "gpt-4o",
            ReasoningEffort = "high",
            Instructions = "You are a personal math tutor.",
            Tools = [new CodeInterpreterToolDefinition(), new FunctionToolDefinition(new FunctionDefinition("get_time"))],
            ToolResources = new ToolResources { FileSearch = new FileSearchToolResources { VectorStoreIds = ["vs_run1"] } },
            Metadata = new Dictionary<string, string> { ["session"] = "s-1" },
            Temperature = 0.7,
            TopP = 0.9,
            MaxPromptTokens = 2000,
            MaxCompletionTokens = 1000,
            TruncationStrategy = RunTruncationStrategy.ForLastMessages(10),
            ToolChoice = ToolConstraint.ForFunction("get_time"),
            ParallelToolCalls = false,
            ResponseFormat = AssistantResponseFormat.JsonObject,
        };

        ThreadRun run = await _stub.Threads.CreateThreadAndRunAsync(options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/runs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(
            body,
            "assistant_id", "thread", "model", "reasoning_effort", "instructions", "tools", "tool_resources", "metadata", "temperature", "top_p",
            "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice", "parallel_tool_calls", "response_format");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
            JsonElement thread = body.GetProperty("thread");
            Wire.AssertNames(thread, "messages", "tool_resources", "metadata");
            Assert.That(thread.GetProperty("messages").GetArrayLength(), Is.EqualTo(1));
            Wire.AssertNames(thread.GetProperty("messages")[0], "role", "content");
            Assert.That(thread.GetProperty("messages")[0].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(thread.GetProperty("messages")[0].GetProperty("content").GetString(), Is.EqualTo("Plot y = x^2."));
            Assert.That(Wire.Strings(thread.GetProperty("tool_resources").GetProperty("code_interpreter").GetProperty("file_ids")), Is.EqualTo(new[] { "file-data1" }));
            Assert.That(thread.GetProperty("metadata").GetProperty("origin").GetString(), Is.EqualTo("cli"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-4o"));
            Assert.That(body.GetProperty("reasoning_effort").GetString(), Is.EqualTo("high"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("You are a personal math tutor."));
            Wire.AssertJson(body.GetProperty("tools"), """[{"type":"code_interpreter"},{"type":"function","function":{"name":"get_time"}}]""", "tools");
            Wire.AssertNames(body.GetProperty("tool_resources"), "file_search");
            Assert.That(Wire.Strings(body.GetProperty("tool_resources").GetProperty("file_search").GetProperty("vector_store_ids")), Is.EqualTo(new[] { "vs_run1" }));
            Wire.AssertNames(body.GetProperty("metadata"), "session");
            Assert.That(body.GetProperty("metadata").GetProperty("session").GetString(), Is.EqualTo("s-1"));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.7));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.9));
            Assert.That(body.GetProperty("max_prompt_tokens").GetInt32(), Is.EqualTo(2000));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(1000));
            JsonElement truncation = body.GetProperty("truncation_strategy");
            Wire.AssertNames(truncation, "type", "last_messages");
            Assert.That(truncation.GetProperty("type").GetString(), Is.EqualTo("last_messages"));
            Assert.That(truncation.GetProperty("last_messages").GetInt32(), Is.EqualTo(10));
            JsonElement toolChoice = body.GetProperty("tool_choice");
            Wire.AssertNames(toolChoice, "type", "function");
            Assert.That(toolChoice.GetProperty("type").GetString(), Is.EqualTo("function"));
            Wire.AssertNames(toolChoice.GetProperty("function"), "name");
            Assert.That(toolChoice.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_time"));
            Assert.That(body.GetProperty("parallel_tool_calls").GetBoolean(), Is.False);
            Wire.AssertNames(body.GetProperty("response_format"), "type");
            Assert.That(body.GetProperty("response_format").GetProperty("type").GetString(), Is.EqualTo("json_object"));
        }

        Expected.RunQueued(run);
    }

    [Test]
    public async Task CreateThreadAndRun_WithOnlyAssistant_SendsOnlyAssistantIdAndNoStreamFlag()
    {
        _stub.Given("POST", "/v1/threads/runs", Payloads.RunQueued);

        ThreadRun run = await _stub.Threads.CreateThreadAndRunAsync(new ThreadAndRunCreationOptions("asst_abc123"));

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/runs");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "assistant_id");
        Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
        Expected.RunQueued(run);
    }

    [Test]
    public async Task GetThread_WithId_SendsGetAndReadsEveryField()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123", Payloads.Thread);

        AssistantThread thread = await _stub.Threads.GetThreadAsync("thread_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.Thread(thread);
    }

    [Test]
    public async Task ModifyThread_WithToolResourcesAndMetadata_SendsOnlyThose()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123", Payloads.Thread);
        var options = new ThreadModificationOptions
        {
            ToolResources = new ToolResources { CodeInterpreter = new CodeInterpreterToolResources { FileIds = ["file-ci1"] } },
            Metadata = new Dictionary<string, string> { ["topic"] = "fractions", ["level"] = "2" },
        };

        AssistantThread thread = await _stub.Threads.ModifyThreadAsync("thread_abc123", options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "tool_resources", "metadata");
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(body.GetProperty("tool_resources"), "code_interpreter");
            Assert.That(Wire.Strings(body.GetProperty("tool_resources").GetProperty("code_interpreter").GetProperty("file_ids")), Is.EqualTo(new[] { "file-ci1" }));
            Wire.AssertNames(body.GetProperty("metadata"), "topic", "level");
            Assert.That(body.GetProperty("metadata").GetProperty("topic").GetString(), Is.EqualTo("fractions"));
            Assert.That(body.GetProperty("metadata").GetProperty("level").GetString(), Is.EqualTo("2"));
        }

        Expected.Thread(thread);
    }

    [Test]
    public async Task DeleteThread_WithId_SendsDeleteAndReadsResult()
    {
        _stub.Given("DELETE", "/v1/threads/thread_abc123", Payloads.ThreadDeleted);

        DeletionResult result = await _stub.Threads.DeleteThreadAsync("thread_abc123");

        AssertRequest(_stub.SingleRequest, "DELETE", "/v1/threads/thread_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.Deletion(result, "thread_abc123", "thread.deleted");
    }
}
