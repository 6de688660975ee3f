using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The six run operations on the wire: list, create (with <c>include[]</c>), get, modify, cancel, submit tool outputs.</summary>
public sealed class RunsApiTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string FileSearchContent = "step_details.tool_calls[*].file_search.results[*].content";

    [Test]
    public async Task ListRuns_WithAllPagingOptions_SendsQueryAndReadsPage()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs", Payloads.RunList);

        CursorPage<ThreadRun> page = await _stub.Runs.ListRunsAsync(
            "thread_abc123", new RunCollectionOptions { Limit = 2, Order = ListOrder.Ascending, After = "run_a", Before = "run_b" });

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EquivalentTo(new[] { ("limit", "2"), ("order", "asc"), ("after", "run_a"), ("before", "run_b") }));
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(page.FirstId, Is.EqualTo("run_fail1"));
            Assert.That(page.LastId, Is.EqualTo("run_cut1"));
            Assert.That(page.HasMore, Is.True);
            Assert.That(page.Data, Has.Count.EqualTo(2));
        }

        Expected.RunFailed(page.Data[0]);
        Expected.RunIncomplete(page.Data[1]);
    }

    [Test]
    public async Task ListRuns_WithoutOptions_SendsNoQuery()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs", Payloads.RunList);

        await _stub.Runs.ListRunsAsync("thread_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
    }

    [Test]
    public async Task CreateRun_WithEveryFieldAndInclude_SendsQueryBodyAndReadsRun()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", Payloads.RunQueued);
        var options = new RunCreationOptions("asst_abc123")
        {
            Model = "gpt-4o",
            ReasoningEffort = "medium",
            Instructions = "You are a personal math tutor.",
            AdditionalInstructions = "Address the user as Jane.",
            AdditionalMessages =
            [
                new MessageCreationOptions
                {
                    Role = MessageRole.User,
                    Content = MessageInputContent.FromParts(new TextInputContentPart("And this one?"), new ImageUrlInputContentPart("https://example.com/q.png", MessageImageDetail.High)),
                    Attachments = [new MessageCreationAttachment("file-att3", new CodeInterpreterToolDefinition())],
                    Metadata = new Dictionary<string, string> { ["n"] = "2" },
                },
            ],
            Tools =
            [
                new FileSearchToolDefinition(new FileSearchToolOverrides { MaxNumResults = 5 }),
                new FunctionToolDefinition(new FunctionDefinition("get_weather", "Gets the weather.", Wire.Parse("""{"type":"object","properties":{}}"""))),
            ],
            Metadata = new Dictionary<string, string> { ["session"] = "s-1" },
            Temperature = 0.2,
            TopP = 0.5,
            MaxPromptTokens = 2000,
            MaxCompletionTokens = 1000,
            TruncationStrategy = new RunTruncationStrategy { Type = RunTruncationStrategyType.Auto },
            ToolChoice = ToolConstraint.Required,
            ParallelToolCalls = true,
            ResponseFormat = AssistantResponseFormat.Text,
        };

        ThreadRun run = await _stub.Runs.CreateRunAsync("thread_abc123", options, [RunStepInclude.FileSearchResultContent]);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/runs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EqualTo(new[] { ("include[]", FileSearchContent) }));
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(
            body,
            "assistant_id", "model", "reasoning_effort", "instructions", "additional_instructions", "additional_messages", "tools", "metadata",
            "temperature", "top_p", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice", "parallel_tool_calls",
            "response_format");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-4o"));
            Assert.That(body.GetProperty("reasoning_effort").GetString(), Is.EqualTo("medium"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("You are a personal math tutor."));
            Assert.That(body.GetProperty("additional_instructions").GetString(), Is.EqualTo("Address the user as Jane."));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.2));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.5));
            Assert.That(body.GetProperty("max_prompt_tokens").GetInt32(), Is.EqualTo(2000));
            Assert.That(body.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(1000));
            Wire.AssertNames(body.GetProperty("truncation_strategy"), "type");
            Assert.That(body.GetProperty("truncation_strategy").GetProperty("type").GetString(), Is.EqualTo("auto"));
            Assert.That(body.GetProperty("tool_choice").GetString(), Is.EqualTo("required"));
            Assert.That(body.GetProperty("parallel_tool_calls").GetBoolean(), Is.True);
            Wire.AssertNames(body.GetProperty("response_format"), "type");
            Assert.That(body.GetProperty("response_format").GetProperty("type").GetString(), Is.EqualTo("text"));
            Wire.AssertNames(body.GetProperty("metadata"), "session");
            Assert.That(body.GetProperty("metadata").GetProperty("session").GetString(), Is.EqualTo("s-1"));
        }

        JsonElement tools = body.GetProperty("tools");
        Assert.That(tools.GetArrayLength(), Is.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(tools[0], "type", "file_search");
            Assert.That(tools[0].GetProperty("type").GetString(), Is.EqualTo("file_search"));
            Wire.AssertNames(tools[0].GetProperty("file_search"), "max_num_results");
            Assert.That(tools[0].GetProperty("file_search").GetProperty("max_num_results").GetInt32(), Is.EqualTo(5));
            Wire.AssertNames(tools[1], "type", "function");
            Assert.That(tools[1].GetProperty("type").GetString(), Is.EqualTo("function"));
            Wire.AssertNames(tools[1].GetProperty("function"), "name", "description", "parameters");
            Assert.That(tools[1].GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
            Assert.That(tools[1].GetProperty("function").GetProperty("description").GetString(), Is.EqualTo("Gets the weather."));
            Wire.AssertJson(tools[1].GetProperty("function").GetProperty("parameters"), """{"type":"object","properties":{}}""", "parameters");
        }

        JsonElement messages = body.GetProperty("additional_messages");
        Assert.That(messages.GetArrayLength(), Is.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            JsonElement message = messages[0];
            Wire.AssertNames(message, "role", "content", "attachments", "metadata");
            Assert.That(message.GetProperty("role").GetString(), Is.EqualTo("user"));
            JsonElement parts = message.GetProperty("content");
            Assert.That(parts.GetArrayLength(), Is.EqualTo(2));
            Wire.AssertNames(parts[0], "type", "text");
            Assert.That(parts[0].GetProperty("type").GetString(), Is.EqualTo("text"));
            Assert.That(parts[0].GetProperty("text").GetString(), Is.EqualTo("And this one?"));
            Wire.AssertNames(parts[1], "type", "image_url");
            Assert.That(parts[1].GetProperty("type").GetString(), Is.EqualTo("image_url"));
            Wire.AssertNames(parts[1].GetProperty("image_url"), "url", "detail");
            Assert.That(parts[1].GetProperty("image_url").GetProperty("url").GetString(), Is.EqualTo("https://example.com/q.png"));
            Assert.That(parts[1].GetProperty("image_url").GetProperty("detail").GetString(), Is.EqualTo("high"));
            Wire.AssertJson(message.GetProperty("attachments"), """[{"file_id":"file-att3","tools":[{"type":"code_interpreter"}]}]""", "attachments");
            Assert.That(message.GetProperty("metadata").GetProperty("n").GetString(), Is.EqualTo("2"));
        }

        Expected.RunQueued(run);
    }

    [Test]
    public async Task CreateRun_WithOnlyAssistantAndNoInclude_SendsMinimalBodyAndNoQuery()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", Payloads.RunQueued);

        ThreadRun run = await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123"));

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/runs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "assistant_id");
        Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
        Expected.RunQueued(run);
    }

    [Test]
    public async Task CreateRun_WithTwoIncludeValues_RepeatsTheKeyPerValue()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", Payloads.RunQueued);

        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123"), [RunStepInclude.FileSearchResultContent, new RunStepInclude("step_details.future_field")]);

        Assert.That(
            Wire.QueryOf(_stub.SingleRequest),
            Is.EqualTo(new[] { ("include[]", FileSearchContent), ("include[]", "step_details.future_field") }));
    }

    [Test]
    public async Task GetRun_RequiringAction_ReadsRequiredActionAndEveryField()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", Payloads.RunRequiresAction);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.RunRequiresAction(run);
    }

    [Test]
    public async Task GetRun_Failed_ReadsLastError()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_fail1", Payloads.RunFailed);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_fail1");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_fail1");
        Expected.RunFailed(run);
    }

    [Test]
    public async Task GetRun_Incomplete_ReadsIncompleteDetails()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_cut1", Payloads.RunIncomplete);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_cut1");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_cut1");
        Expected.RunIncomplete(run);
    }

    [Test]
    public async Task ModifyRun_WithMetadata_SendsOnlyMetadataAndReadsUsage()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs/run_abc123", Payloads.RunCompleted);

        ThreadRun run = await _stub.Runs.ModifyRunAsync(
            "thread_abc123", "run_abc123", new RunModificationOptions { Metadata = new Dictionary<string, string> { ["reviewed"] = "yes" } });

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/runs/run_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "metadata");
        Wire.AssertNames(body.GetProperty("metadata"), "reviewed");
        Assert.That(body.GetProperty("metadata").GetProperty("reviewed").GetString(), Is.EqualTo("yes"));
        Expected.RunCompleted(run);
    }

    [Test]
    public async Task CancelRun_WithIds_PostsToCancelWithoutBody()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs/run_abc123/cancel", Payloads.RunCancelling);

        ThreadRun run = await _stub.Runs.CancelRunAsync("thread_abc123", "run_abc123");

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/runs/run_abc123/cancel");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.RunCancelling(run);
    }

    [Test]
    public async Task SubmitToolOutputs_WithTwoOutputs_SendsAllInOneBodyWithoutStreamFlag()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs/run_abc123/submit_tool_outputs", Payloads.RunQueued);
        var options = new ToolOutputsSubmissionOptions([new ToolOutput("call_001", """{"temp_c":21}"""), new ToolOutput("call_002", "14:05")]);

        ThreadRun run = await _stub.Runs.SubmitToolOutputsToRunAsync("thread_abc123", "run_abc123", options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads/thread_abc123/runs/run_abc123/submit_tool_outputs");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "tool_outputs");
        JsonElement outputs = body.GetProperty("tool_outputs");
        Assert.That(outputs.GetArrayLength(), Is.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(outputs[0], "tool_call_id", "output");
            Assert.That(outputs[0].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_001"));
            Assert.That(outputs[0].GetProperty("output").GetString(), Is.EqualTo("""{"temp_c":21}"""));
            Wire.AssertNames(outputs[1], "tool_call_id", "output");
            Assert.That(outputs[1].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_002"));
            Assert.That(outputs[1].GetProperty("output").GetString(), Is.EqualTo("14:05"));
        }

        Expected.RunQueued(run);
    }
}
