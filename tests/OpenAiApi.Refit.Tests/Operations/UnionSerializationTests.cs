using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The three true unions of the wire, both directions: <c>tool_choice</c>, <c>response_format</c>, and message <c>content</c>.</summary>
public sealed class UnionSerializationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string RunPath = "/v1/threads/thread_abc123/runs";
    private const string OneRunPath = "/v1/threads/thread_abc123/runs/run_abc123";

    private static IEnumerable<TestCaseData> ToolChoiceModes()
    {
        yield return new TestCaseData(ToolConstraint.Auto, "auto").SetArgDisplayNames("auto");
        yield return new TestCaseData(ToolConstraint.None, "none").SetArgDisplayNames("none");
        yield return new TestCaseData(ToolConstraint.Required, "required").SetArgDisplayNames("required");
    }

    [TestCaseSource(nameof(ToolChoiceModes))]
    public async Task CreateRun_ToolChoiceMode_IsWrittenAsString(ToolConstraint choice, string expected)
    {
        _stub.Given("POST", RunPath, Payloads.RunQueued);

        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { ToolChoice = choice });

        JsonElement toolChoice = BodyOf(_stub.SingleRequest).GetProperty("tool_choice");
        Assert.That(toolChoice.ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(toolChoice.GetString(), Is.EqualTo(expected));
    }

    [Test]
    public async Task CreateRun_ToolChoiceFunction_IsWrittenAsTypeAndFunctionName()
    {
        _stub.Given("POST", RunPath, Payloads.RunQueued);

        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { ToolChoice = ToolConstraint.ForFunction("x") });

        JsonElement toolChoice = BodyOf(_stub.SingleRequest).GetProperty("tool_choice");
        Wire.AssertNames(toolChoice, "type", "function");
        Wire.AssertNames(toolChoice.GetProperty("function"), "name");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(toolChoice.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(toolChoice.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("x"));
        }
    }

    [Test]
    public async Task CreateThreadAndRun_ToolChoiceBuiltInTool_IsWrittenAsTypeOnly()
    {
        _stub.Given("POST", "/v1/threads/runs", Payloads.RunQueued);

        await _stub.Threads.CreateThreadAndRunAsync(new ThreadAndRunCreationOptions("asst_abc123") { ToolChoice = ToolConstraint.ForFileSearch() });

        JsonElement toolChoice = BodyOf(_stub.SingleRequest).GetProperty("tool_choice");
        Wire.AssertNames(toolChoice, "type");
        Assert.That(toolChoice.GetProperty("type").GetString(), Is.EqualTo("file_search"));
    }

    [TestCase("auto")]
    [TestCase("none")]
    [TestCase("required")]
    public async Task GetRun_ToolChoiceString_IsReadAsMode(string mode)
    {
        _stub.Given("GET", OneRunPath, $$"""{"id":"run_abc123","object":"thread.run","status":"queued","tool_choice":"{{mode}}"}""");

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ToolChoice!.Mode, Is.EqualTo(mode));
            Assert.That(run.ToolChoice.IsSpecificTool, Is.False);
            Assert.That(run.ToolChoice.Type, Is.Null);
            Assert.That(run.ToolChoice.FunctionName, Is.Null);
            Assert.That(run.ToolChoice.ToString(), Is.EqualTo(mode));
        }
    }

    [Test]
    public async Task GetRun_ToolChoiceFunctionObject_IsReadAsSpecificTool()
    {
        _stub.Given("GET", OneRunPath, """{"id":"run_abc123","object":"thread.run","status":"queued","tool_choice":{"type":"function","function":{"name":"x"}}}""");

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ToolChoice!.IsSpecificTool, Is.True);
            Assert.That(run.ToolChoice.Mode, Is.Null);
            Assert.That(run.ToolChoice.Type, Is.EqualTo("function"));
            Assert.That(run.ToolChoice.FunctionName, Is.EqualTo("x"));
            Assert.That(run.ToolChoice.AdditionalProperties, Is.Null.Or.Empty);
        }
    }

    [Test]
    public async Task GetRun_ToolChoiceBuiltInToolObject_IsReadWithoutFunctionName()
    {
        _stub.Given("GET", OneRunPath, """{"id":"run_abc123","object":"thread.run","status":"queued","tool_choice":{"type":"code_interpreter"}}""");

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ToolChoice!.IsSpecificTool, Is.True);
            Assert.That(run.ToolChoice.Type, Is.EqualTo("code_interpreter"));
            Assert.That(run.ToolChoice.FunctionName, Is.Null);
        }
    }

    [Test]
    public async Task CreateRun_ResponseFormatAuto_IsWrittenAsString()
    {
        _stub.Given("POST", RunPath, Payloads.RunQueued);

        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { ResponseFormat = AssistantResponseFormat.Auto });

        JsonElement format = BodyOf(_stub.SingleRequest).GetProperty("response_format");
        Assert.That(format.ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(format.GetString(), Is.EqualTo("auto"));
    }

    [Test]
    public async Task CreateRun_ResponseFormatJsonObject_IsWrittenAsTypeOnlyObject()
    {
        _stub.Given("POST", RunPath, Payloads.RunQueued);

        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { ResponseFormat = AssistantResponseFormat.JsonObject });

        JsonElement format = BodyOf(_stub.SingleRequest).GetProperty("response_format");
        Wire.AssertNames(format, "type");
        Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_object"));
    }

    [Test]
    public async Task ModifyAssistant_ResponseFormatJsonSchema_IsWrittenWithNestedSchema()
    {
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);
        const string Schema = """{"type":"object","properties":{"answer":{"type":"integer"}},"required":["answer"],"additionalProperties":false}""";

        await _stub.Assistants.ModifyAssistantAsync("asst_abc123", new AssistantModificationOptions
        {
            ResponseFormat = AssistantResponseFormat.CreateJsonSchema("math_answer", Wire.Parse(Schema), "An integer answer.", strict: true),
        });

        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "response_format");
        JsonElement format = body.GetProperty("response_format");
        Wire.AssertNames(format, "type", "json_schema");
        JsonElement jsonSchema = format.GetProperty("json_schema");
        Wire.AssertNames(jsonSchema, "name", "description", "schema", "strict");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
            Assert.That(jsonSchema.GetProperty("name").GetString(), Is.EqualTo("math_answer"));
            Assert.That(jsonSchema.GetProperty("description").GetString(), Is.EqualTo("An integer answer."));
            Wire.AssertJson(jsonSchema.GetProperty("schema"), Schema, "schema");
            Assert.That(jsonSchema.GetProperty("strict").GetBoolean(), Is.True);
        }
    }

    [Test]
    public async Task ModifyAssistant_ResponseFormatJsonSchemaWithOnlyName_OmitsUnsetFields()
    {
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);

        await _stub.Assistants.ModifyAssistantAsync("asst_abc123", new AssistantModificationOptions
        {
            ResponseFormat = AssistantResponseFormat.CreateJsonSchema(new ResponseFormatJsonSchema { Name = "bare" }),
        });

        JsonElement format = BodyOf(_stub.SingleRequest).GetProperty("response_format");
        Wire.AssertNames(format, "type", "json_schema");
        Wire.AssertNames(format.GetProperty("json_schema"), "name");
        Assert.That(format.GetProperty("json_schema").GetProperty("name").GetString(), Is.EqualTo("bare"));
    }

    [Test]
    public async Task GetAssistant_ResponseFormatAutoString_IsReadAsAuto()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """{"id":"asst_abc123","object":"assistant","tools":[],"response_format":"auto"}""");

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assistant.ResponseFormat!.Type, Is.EqualTo("auto"));
            Assert.That(assistant.ResponseFormat.JsonSchema, Is.Null);
            Assert.That(assistant.ResponseFormat.AdditionalProperties, Is.Null.Or.Empty);
        }
    }

    [Test]
    public async Task GetAssistant_ResponseFormatJsonObject_IsReadAsJsonObject()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """{"id":"asst_abc123","object":"assistant","tools":[],"response_format":{"type":"json_object"}}""");

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assistant.ResponseFormat!.Type, Is.EqualTo("json_object"));
            Assert.That(assistant.ResponseFormat.JsonSchema, Is.Null);
        }
    }

    [Test]
    public async Task GetRun_ResponseFormatJsonSchema_IsReadWithEveryField()
    {
        _stub.Given("GET", OneRunPath, """
            {"id":"run_abc123","object":"thread.run","status":"queued","response_format":{"type":"json_schema","json_schema":
              {"name":"math_answer","description":"An integer answer.","schema":{"type":"object","properties":{"answer":{"type":"integer"}}},"strict":false}}}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ResponseFormat!.Type, Is.EqualTo("json_schema"));
            Assert.That(run.ResponseFormat.JsonSchema!.Name, Is.EqualTo("math_answer"));
            Assert.That(run.ResponseFormat.JsonSchema.Description, Is.EqualTo("An integer answer."));
            Wire.AssertJson(run.ResponseFormat.JsonSchema.Schema, """{"type":"object","properties":{"answer":{"type":"integer"}}}""", "schema");
            Assert.That(run.ResponseFormat.JsonSchema.Strict, Is.False);
        }
    }

    [TestCase("\"auto\"")]
    [TestCase("""{"type":"json_object"}""")]
    [TestCase("""{"type":"text"}""")]
    [TestCase("""{"type":"json_schema","json_schema":{"name":"n","schema":{"type":"object"},"strict":true}}""")]
    [TestCase("""{"type":"xml","xml":{"root":"answer"}}""")]
    public async Task ModifyAssistant_ResponseFormatReadFromServer_IsSentBackInTheSameShape(string responseFormat)
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """{"id":"asst_abc123","object":"assistant","tools":[],"response_format":""" + responseFormat + "}");
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");
        await _stub.Assistants.ModifyAssistantAsync("asst_abc123", new AssistantModificationOptions { ResponseFormat = assistant.ResponseFormat });

        Wire.AssertJson(BodyOf(_stub.LogEntries.Last()).GetProperty("response_format"), responseFormat, "response_format");
    }

    [Test]
    public async Task CreateMessage_StringContent_IsWrittenAsString()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.UserMessage);

        await _stub.Messages.CreateMessageAsync("thread_abc123", new MessageCreationOptions { Role = MessageRole.User, Content = MessageInputContent.FromText("What is 6 times 7?") });

        JsonElement content = BodyOf(_stub.SingleRequest).GetProperty("content");
        Assert.That(content.ValueKind, Is.EqualTo(JsonValueKind.String));
        Assert.That(content.GetString(), Is.EqualTo("What is 6 times 7?"));
    }

    [Test]
    public async Task CreateMessage_ContentParts_AreWrittenAsTypedArray()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.UserMessage);
        MessageInputContent content = MessageInputContent.FromParts(
            new ImageFileInputContentPart("file-img1", MessageImageDetail.High),
            new ImageUrlInputContentPart("https://example.com/q.png"),
            new TextInputContentPart("What do these show?"));

        await _stub.Messages.CreateMessageAsync("thread_abc123", new MessageCreationOptions { Role = MessageRole.User, Content = content });

        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "role", "content");
        JsonElement parts = body.GetProperty("content");
        Assert.That(parts.ValueKind, Is.EqualTo(JsonValueKind.Array));
        Assert.That(parts.GetArrayLength(), Is.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(parts[0], "type", "image_file");
            Assert.That(parts[0].GetProperty("type").GetString(), Is.EqualTo("image_file"));
            Wire.AssertNames(parts[0].GetProperty("image_file"), "file_id", "detail");
            Assert.That(parts[0].GetProperty("image_file").GetProperty("file_id").GetString(), Is.EqualTo("file-img1"));
            Assert.That(parts[0].GetProperty("image_file").GetProperty("detail").GetString(), Is.EqualTo("high"));
            Wire.AssertNames(parts[1], "type", "image_url");
            Assert.That(parts[1].GetProperty("type").GetString(), Is.EqualTo("image_url"));
            Wire.AssertNames(parts[1].GetProperty("image_url"), "url");
            Assert.That(parts[1].GetProperty("image_url").GetProperty("url").GetString(), Is.EqualTo("https://example.com/q.png"));
            Wire.AssertNames(parts[2], "type", "text");
            Assert.That(parts[2].GetProperty("type").GetString(), Is.EqualTo("text"));
            Assert.That(parts[2].GetProperty("text").GetString(), Is.EqualTo("What do these show?"));
        }
    }

    [Test]
    public async Task CreateMessage_UnknownContentPart_IsWrittenFromItsRawJson()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.UserMessage);
        const string Audio = """{"type":"input_audio","input_audio":{"file_id":"file-aud1","format":"wav"}}""";
        MessageInputContent content = MessageInputContent.FromParts(new TextInputContentPart("Transcribe:"), new UnknownInputContentPart("input_audio", Wire.Parse(Audio)));

        await _stub.Messages.CreateMessageAsync("thread_abc123", new MessageCreationOptions { Role = MessageRole.User, Content = content });

        JsonElement parts = BodyOf(_stub.SingleRequest).GetProperty("content");
        Assert.That(parts.GetArrayLength(), Is.EqualTo(2));
        Wire.AssertJson(parts[1], Audio, "unknown part");
    }
}
