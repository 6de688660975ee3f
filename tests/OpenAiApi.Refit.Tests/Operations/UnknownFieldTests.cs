using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>
/// Forward compatibility, fields the spec does not list: they land in <c>AdditionalProperties</c> at every level, and a
/// read-modify-write sends them (and unknown tools, and a tool choice read from the server) back unchanged.
/// </summary>
public sealed class UnknownFieldTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task GetAssistant_UnknownFieldsAtEveryLevel_LandInAdditionalProperties()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """
            {"id":"asst_abc123","object":"assistant","created_at":1,"name":"n","model":"gpt-4o","metadata":{},
             "x_vendor":{"region":"eu","replicas":2},
             "tools":[{"type":"code_interpreter","x_sandbox":"v2"},
                      {"type":"file_search","file_search":{"max_num_results":4,"x_rerank":true,"ranking_options":{"ranker":"auto","score_threshold":0,"x_boost":1.5}}},
                      {"type":"function","function":{"name":"f","x_cache_ttl":30}}],
             "tool_resources":{"x_web":{"allow":true},"code_interpreter":{"file_ids":[],"x_quota":5},"file_search":{"vector_store_ids":["vs_1"],"x_mode":"hybrid"}},
             "response_format":{"type":"json_schema","x_level":1,"json_schema":{"name":"a","schema":{},"x_version":"2"}}}
            """);

        Assistant a = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        using (Assert.EnterMultipleScope())
        {
            Wire.AssertJson(a.AdditionalProperties!["x_vendor"], """{"region":"eu","replicas":2}""", "assistant");
            Assert.That(a.AdditionalProperties.Keys, Is.EquivalentTo(new[] { "x_vendor" }));
            Assert.That(a.Tools[0].AdditionalProperties!["x_sandbox"].GetString(), Is.EqualTo("v2"));
            var fileSearch = (FileSearchToolDefinition)a.Tools[1];
            Assert.That(fileSearch.FileSearch!.MaxNumResults, Is.EqualTo(4));
            Assert.That(fileSearch.FileSearch.AdditionalProperties!["x_rerank"].GetBoolean(), Is.True);
            Assert.That(fileSearch.FileSearch.RankingOptions!.AdditionalProperties!["x_boost"].GetDouble(), Is.EqualTo(1.5));
            Assert.That(((FunctionToolDefinition)a.Tools[2]).Function.AdditionalProperties!["x_cache_ttl"].GetInt32(), Is.EqualTo(30));
            Wire.AssertJson(a.ToolResources!.AdditionalProperties!["x_web"], """{"allow":true}""", "tool_resources");
            Assert.That(a.ToolResources.CodeInterpreter!.AdditionalProperties!["x_quota"].GetInt32(), Is.EqualTo(5));
            Assert.That(a.ToolResources.FileSearch!.AdditionalProperties!["x_mode"].GetString(), Is.EqualTo("hybrid"));
            Assert.That(a.ToolResources.FileSearch.VectorStoreIds, Is.EqualTo(new[] { "vs_1" }));
            Assert.That(a.ResponseFormat!.AdditionalProperties!["x_level"].GetInt32(), Is.EqualTo(1));
            Assert.That(a.ResponseFormat.JsonSchema!.AdditionalProperties!["x_version"].GetString(), Is.EqualTo("2"));
            Assert.That(a.ResponseFormat.JsonSchema.Name, Is.EqualTo("a"));
        }
    }

    [Test]
    public async Task GetAssistant_ToolsWhoseTypeComesLast_AreReadWhole_AndSoIsEverythingAfterThem()
    {
        // The discriminator after nested objects, an unknown tool between known ones, and fields after the array: each tool is read
        // on the caller's reader, so a tool read short or long would shift every field that follows.
        _stub.Given("GET", "/v1/assistants/asst_abc123", """
            {"id":"asst_abc123","object":"assistant","created_at":1,
             "tools":[{"file_search":{"max_num_results":4,"ranking_options":{"ranker":"auto","score_threshold":0.25}},"type":"file_search"},
                      {"x_new":{"deep":{"deeper":[1,{"type":"function"}]}},"type":"web_browser"},
                      {"function":{"name":"f","parameters":{"type":"object","properties":{"q":{"type":"string"}}},"strict":true},"type":"function"},
                      {"type":"code_interpreter"}],
             "model":"gpt-4o","temperature":0.5,"metadata":{"k":"v"}}
            """);

        Assistant a = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Tools.Select(t => t.Type), Is.EqualTo(new[] { "file_search", "web_browser", "function", "code_interpreter" }));
            var fileSearch = (FileSearchToolDefinition)a.Tools[0];
            Assert.That(fileSearch.FileSearch!.MaxNumResults, Is.EqualTo(4));
            Assert.That(fileSearch.FileSearch.RankingOptions!.Ranker, Is.EqualTo("auto"));
            Assert.That(fileSearch.FileSearch.RankingOptions.ScoreThreshold, Is.EqualTo(0.25));
            Wire.AssertJson(((UnknownToolDefinition)a.Tools[1]).RawJson, """{"x_new":{"deep":{"deeper":[1,{"type":"function"}]}},"type":"web_browser"}""", "unknown tool");
            FunctionDefinition function = ((FunctionToolDefinition)a.Tools[2]).Function;
            Assert.That(function.Name, Is.EqualTo("f"));
            Wire.AssertJson(function.Parameters!.Value, """{"type":"object","properties":{"q":{"type":"string"}}}""", "parameters");
            Assert.That(function.Strict, Is.True);
            Assert.That(a.Tools[3], Is.TypeOf<CodeInterpreterToolDefinition>());
            Assert.That(a.Model, Is.EqualTo("gpt-4o"));
            Assert.That(a.Temperature, Is.EqualTo(0.5));
            Assert.That(a.Metadata, Is.EqualTo(new Dictionary<string, string> { ["k"] = "v" }));
            Assert.That(a.AdditionalProperties, Is.Null.Or.Empty);
        }
    }

    [Test]
    [Property("ReliabilityRow", "16")]
    public async Task GetRun_UnknownFieldsAtEveryLevel_LandInAdditionalProperties()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """
            {"id":"run_abc123","object":"thread.run","status":"requires_action","x_trace":"tr-9",
             "required_action":{"type":"submit_tool_outputs","x_deadline":1700000000,"submit_tool_outputs":{"x_batch":true,"tool_calls":[
                {"id":"call_1","type":"function","x_origin":"model","function":{"name":"f","arguments":"{}","x_parsed":{}}}]}},
             "last_error":{"code":"server_error","message":"m","x_retryable":true},
             "incomplete_details":{"reason":"max_prompt_tokens","x_limit":100},
             "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"x_cost":0.002},
             "truncation_strategy":{"type":"auto","last_messages":null,"x_window":"sliding"},
             "tool_choice":{"type":"function","function":{"name":"f","x_strict":true},"x_note":"forced"}}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.AdditionalProperties!["x_trace"].GetString(), Is.EqualTo("tr-9"));
            Assert.That(run.RequiredAction!.AdditionalProperties!["x_deadline"].GetInt64(), Is.EqualTo(1700000000));
            Assert.That(run.RequiredAction.SubmitToolOutputs!.AdditionalProperties!["x_batch"].GetBoolean(), Is.True);
            RunToolCall call = run.RequiredAction.SubmitToolOutputs.ToolCalls.Single();
            Assert.That(call.Id, Is.EqualTo("call_1"));
            Assert.That(call.AdditionalProperties!["x_origin"].GetString(), Is.EqualTo("model"));
            Wire.AssertJson(call.Function!.AdditionalProperties!["x_parsed"], "{}", "function");
            Assert.That(run.LastError!.AdditionalProperties!["x_retryable"].GetBoolean(), Is.True);
            Assert.That(run.IncompleteDetails!.Reason, Is.EqualTo("max_prompt_tokens"));
            Assert.That(run.IncompleteDetails.AdditionalProperties!["x_limit"].GetInt32(), Is.EqualTo(100));
            Assert.That(run.Usage!.TotalTokens, Is.EqualTo(3));
            Assert.That(run.Usage.AdditionalProperties!["x_cost"].GetDouble(), Is.EqualTo(0.002));
            Assert.That(run.TruncationStrategy!.AdditionalProperties!["x_window"].GetString(), Is.EqualTo("sliding"));
            Assert.That(run.ToolChoice!.FunctionName, Is.EqualTo("f"));
            Assert.That(run.ToolChoice.AdditionalProperties!["x_note"].GetString(), Is.EqualTo("forced"));
        }
    }

    [Test]
    public async Task GetMessage_UnknownFieldsAtEveryLevel_LandInAdditionalProperties()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", """
            {"id":"msg_abc123","object":"thread.message","role":"assistant","x_moderation":{"flagged":false},
             "incomplete_details":{"reason":"max_tokens","x_at_token":512},
             "content":[
               {"type":"text","x_lang":"en","text":{"value":"v","x_tokens":1,"annotations":[
                  {"type":"file_citation","text":"t","start_index":0,"end_index":1,"x_page":3,"file_citation":{"file_id":"file-c","x_chunk":"c-7"}}]}},
               {"type":"image_file","image_file":{"file_id":"file-i","x_width":640}},
               {"type":"image_url","image_url":{"url":"https://example.com/i.png","x_alt":"chart"}}],
             "attachments":[{"file_id":"file-a","tools":[],"x_size":1024}]}
            """);

        ThreadMessage m = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        using (Assert.EnterMultipleScope())
        {
            Wire.AssertJson(m.AdditionalProperties!["x_moderation"], """{"flagged":false}""", "message");
            Assert.That(m.IncompleteDetails!.AdditionalProperties!["x_at_token"].GetInt32(), Is.EqualTo(512));
            var text = (TextMessageContent)m.Content[0];
            Assert.That(text.AdditionalProperties!["x_lang"].GetString(), Is.EqualTo("en"));
            Assert.That(text.Text!.AdditionalProperties!["x_tokens"].GetInt32(), Is.EqualTo(1));
            var citation = (FileCitationTextAnnotation)text.Text.Annotations.Single();
            Assert.That(citation.AdditionalProperties!["x_page"].GetInt32(), Is.EqualTo(3));
            Assert.That(citation.FileCitation!.FileId, Is.EqualTo("file-c"));
            Assert.That(citation.FileCitation.AdditionalProperties!["x_chunk"].GetString(), Is.EqualTo("c-7"));
            Assert.That(((ImageFileMessageContent)m.Content[1]).ImageFile!.AdditionalProperties!["x_width"].GetInt32(), Is.EqualTo(640));
            Assert.That(((ImageUrlMessageContent)m.Content[2]).ImageUrl!.AdditionalProperties!["x_alt"].GetString(), Is.EqualTo("chart"));
            Assert.That(m.Attachments!.Single().AdditionalProperties!["x_size"].GetInt32(), Is.EqualTo(1024));
        }
    }

    [Test]
    public async Task GetRunStep_UnknownFieldsAtEveryLevel_LandInAdditionalProperties()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_tools1", """
            {"id":"step_tools1","object":"thread.run.step","type":"tool_calls","status":"failed","x_shard":4,
             "last_error":{"code":"server_error","message":"m","x_detail":"d"},
             "usage":{"prompt_tokens":1,"completion_tokens":1,"total_tokens":2,"x_cached":true},
             "step_details":{"type":"tool_calls","x_parallel":true,"tool_calls":[
               {"id":"call_ci1","type":"code_interpreter","x_runtime":"py3.12","code_interpreter":{"input":"1","x_kernel":"k1","outputs":[
                  {"type":"logs","logs":"1","x_stream":"stdout"},{"type":"image","image":{"file_id":"file-1","x_mime":"image/png"}}]}},
               {"id":"call_fs1","type":"file_search","file_search":{"x_query":"q","ranking_options":{"ranker":"auto","score_threshold":0.1},"results":[
                  {"file_id":"f","file_name":"n","score":0.5,"x_chunk_id":"ch-1","content":[{"type":"text","text":"t","x_offset":10}]}]}},
               {"id":"call_fn1","type":"function","function":{"name":"f","arguments":"{}","output":null,"x_duration_ms":12}}]}}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_msg1", """
            {"id":"step_msg1","object":"thread.run.step","type":"message_creation","step_details":{"type":"message_creation","x_kind":"final",
             "message_creation":{"message_id":"msg_1","x_draft":false}}}
            """);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_tools1");
        RunStep messageStep = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_msg1");

        var details = (ToolCallsStepDetails)step.StepDetails!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(step.AdditionalProperties!["x_shard"].GetInt32(), Is.EqualTo(4));
            Assert.That(step.LastError!.AdditionalProperties!["x_detail"].GetString(), Is.EqualTo("d"));
            Assert.That(step.Usage!.AdditionalProperties!["x_cached"].GetBoolean(), Is.True);
            Assert.That(details.AdditionalProperties!["x_parallel"].GetBoolean(), Is.True);
            var code = (CodeInterpreterToolCall)details.ToolCalls[0];
            Assert.That(code.AdditionalProperties!["x_runtime"].GetString(), Is.EqualTo("py3.12"));
            Assert.That(code.CodeInterpreter!.AdditionalProperties!["x_kernel"].GetString(), Is.EqualTo("k1"));
            Assert.That(code.CodeInterpreter.Outputs[0].AdditionalProperties!["x_stream"].GetString(), Is.EqualTo("stdout"));
            Assert.That(((CodeInterpreterImageOutput)code.CodeInterpreter.Outputs[1]).Image!.AdditionalProperties!["x_mime"].GetString(), Is.EqualTo("image/png"));
            var search = (FileSearchToolCall)details.ToolCalls[1];
            Assert.That(search.FileSearch!.AdditionalProperties!["x_query"].GetString(), Is.EqualTo("q"));
            Assert.That(search.FileSearch.Results[0].AdditionalProperties!["x_chunk_id"].GetString(), Is.EqualTo("ch-1"));
            Assert.That(search.FileSearch.Results[0].Content[0].AdditionalProperties!["x_offset"].GetInt32(), Is.EqualTo(10));
            var function = (FunctionToolCall)details.ToolCalls[2];
            Assert.That(function.Function!.AdditionalProperties!["x_duration_ms"].GetInt32(), Is.EqualTo(12));
            var creation = (MessageCreationStepDetails)messageStep.StepDetails!;
            Assert.That(creation.AdditionalProperties!["x_kind"].GetString(), Is.EqualTo("final"));
            Assert.That(creation.MessageCreation!.MessageId, Is.EqualTo("msg_1"));
            Assert.That(creation.MessageCreation.AdditionalProperties!["x_draft"].GetBoolean(), Is.False);
        }
    }

    [Test]
    public async Task ListAndDeleteAndThread_UnknownFields_LandInAdditionalProperties()
    {
        _stub.Given("GET", "/v1/assistants", """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false,"x_total":0}""");
        _stub.Given("DELETE", "/v1/threads/thread_abc123", """{"id":"thread_abc123","object":"thread.deleted","deleted":true,"x_purged_at":1700000000}""");
        _stub.Given("GET", "/v1/threads/thread_abc123", """{"id":"thread_abc123","object":"thread","created_at":1,"metadata":{},"x_owner":"u-1"}""");

        CursorPage<Assistant> page = await _stub.Assistants.ListAssistantsAsync();
        DeletionResult deleted = await _stub.Threads.DeleteThreadAsync("thread_abc123");
        AssistantThread thread = await _stub.Threads.GetThreadAsync("thread_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.AdditionalProperties!["x_total"].GetInt32(), Is.Zero);
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(deleted.AdditionalProperties!["x_purged_at"].GetInt64(), Is.EqualTo(1700000000));
            Assert.That(thread.AdditionalProperties!["x_owner"].GetString(), Is.EqualTo("u-1"));
        }
    }

    [Test]
    public async Task ModifyAssistant_AfterGetWithUnknownToolAndFields_SendsThemBackUnchanged()
    {
        const string UnknownTool = """{"type":"web_browser","web_browser":{"max_pages":3,"allowed_domains":["example.com"]}}""";
        const string CodeTool = """{"type":"code_interpreter","x_sandbox":"v2"}""";
        const string FunctionTool = """{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{}},"x_cache_ttl":30}}""";
        _stub.Given("GET", "/v1/assistants/asst_abc123", $$$"""
            {"id":"asst_abc123","object":"assistant","created_at":1698984975,"name":"Math Tutor","description":null,"model":"gpt-4o",
             "instructions":"Be kind.","tools":[{{{CodeTool}}},{{{UnknownTool}}},{{{FunctionTool}}}],"metadata":{},
             "x_vendor_tier":"enterprise","x_guardrails":{"pii":true,"levels":[1,2]}}
            """);
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");
        await _stub.Assistants.ModifyAssistantAsync(assistant.Id, new AssistantModificationOptions
        {
            Name = "Math Tutor v2",
            Tools = [.. assistant.Tools],
            AdditionalProperties = assistant.AdditionalProperties,
        });

        Assert.That(_stub.LogEntries.Count(), Is.EqualTo(2));
        var modify = _stub.LogEntries.Last();
        AssertRequest(modify, "POST", "/v1/assistants/asst_abc123");
        JsonElement body = BodyOf(modify);
        Wire.AssertNames(body, "name", "tools", "x_vendor_tier", "x_guardrails");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Math Tutor v2"));
            Assert.That(body.GetProperty("tools").GetArrayLength(), Is.EqualTo(3));
            Wire.AssertJson(body.GetProperty("tools")[0], CodeTool, "known tool with an unknown field");
            Wire.AssertJson(body.GetProperty("tools")[1], UnknownTool, "unknown tool");
            Wire.AssertJson(body.GetProperty("tools")[2], FunctionTool, "function tool with an unknown nested field");
            Assert.That(body.GetProperty("x_vendor_tier").GetString(), Is.EqualTo("enterprise"));
            Wire.AssertJson(body.GetProperty("x_guardrails"), """{"pii":true,"levels":[1,2]}""", "x_guardrails");
        }
    }

    [Test]
    public async Task CreateRun_WithToolChoiceReadFromServer_SendsItBackUnchanged()
    {
        const string Choice = """{"type":"function","function":{"name":"get_weather","x_strict":true},"x_note":"forced"}""";
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """{"id":"run_abc123","object":"thread.run","status":"completed","tool_choice":""" + Choice + "}");
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", Payloads.RunQueued);

        ThreadRun previous = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");
        await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123") { ToolChoice = previous.ToolChoice });

        Wire.AssertJson(BodyOf(_stub.LogEntries.Last()).GetProperty("tool_choice"), Choice, "tool_choice");
    }
}
