using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>
/// What a newer or non-OpenAI server sends that the spec does not list: unknown enum values and variant types, unknown fields,
/// nulls in required fields, and the extras real servers add. None of it may fail a call or be lost on a read-modify-write.
/// </summary>
public sealed class ForwardCompatibilityTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task GetRun_UnknownStatus_IsNotKnownAndRoundTrips()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """
            {"id":"run_abc123","object":"thread.run","created_at":1699075072,"thread_id":"thread_abc123","assistant_id":"asst_abc123",
             "status":"paused_for_review","required_action":null,"last_error":null,"model":"gpt-4o","instructions":"x","tools":[],"metadata":{}}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123");
        RunStatus status = run.Status!.Value;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(status.Value, Is.EqualTo("paused_for_review"));
            Assert.That(status.ToString(), Is.EqualTo("paused_for_review"));
            Assert.That(status.IsKnown, Is.False);
            Assert.That(status.IsTerminal, Is.False);
            Assert.That(status, Is.EqualTo(new RunStatus("paused_for_review")));
            Assert.That(status, Is.Not.EqualTo(RunStatus.InProgress));
            Assert.That(run.Id, Is.EqualTo("run_abc123"));
        }

        JsonElement written = Wire.Parse(JsonSerializer.Serialize(run, OpenAIJsonContext.Default.ThreadRun));
        Assert.That(written.GetProperty("status").GetString(), Is.EqualTo("paused_for_review"));
    }

    [Test]
    public async Task GetRunStepAndMessage_UnknownEnumValues_AreKeptVerbatim()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_r1", """
            {"id":"step_r1","object":"thread.run.step","type":"reasoning","status":"paused","step_details":{"type":"message_creation","message_creation":{"message_id":"msg_1"}}}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_sys1", """
            {"id":"msg_sys1","object":"thread.message","status":"archived","role":"system","content":[{"type":"image_file","image_file":{"file_id":"file-1","detail":"ultra"}}]}
            """);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_r1");
        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_sys1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(step.Type!.Value.Value, Is.EqualTo("reasoning"));
            Assert.That(step.Type.Value.IsKnown, Is.False);
            Assert.That(step.Status!.Value.Value, Is.EqualTo("paused"));
            Assert.That(step.Status.Value.IsKnown, Is.False);
            Assert.That(message.Status!.Value.Value, Is.EqualTo("archived"));
            Assert.That(message.Status.Value.IsKnown, Is.False);
            Assert.That(message.Role!.Value.Value, Is.EqualTo("system"));
            Assert.That(message.Role.Value.IsKnown, Is.False);
            MessageImageDetail detail = ((ImageFileMessageContent)message.Content[0]).ImageFile!.Detail!.Value;
            Assert.That(detail.Value, Is.EqualTo("ultra"));
            Assert.That(detail.IsKnown, Is.False);
        }
    }

    [Test]
    public async Task CreateMessage_UnknownRole_IsSentVerbatim()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/messages", Payloads.UserMessage);

        await _stub.Messages.CreateMessageAsync("thread_abc123", new MessageCreationOptions { Role = new MessageRole("developer"), Content = "Be terse." });

        JsonElement body = BodyOf(_stub.SingleRequest);
        Assert.That(body.GetProperty("role").GetString(), Is.EqualTo("developer"));
    }

    [Test]
    public async Task GetAssistant_UnknownToolType_KeepsTypeAndRawJson()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """
            {"id":"asst_abc123","object":"assistant","created_at":1698984975,"name":"Browser","description":null,"model":"gpt-4o","instructions":null,
             "tools":[{"type":"code_interpreter"},{"type":"web_browser","web_browser":{"max_pages":3,"allowed_domains":["example.com"]}},
                      {"type":"function","function":{"name":"f"}}],
             "metadata":{}}
            """);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        Assert.That(assistant.Tools, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(assistant.Tools[0], Is.TypeOf<CodeInterpreterToolDefinition>());
            Assert.That(assistant.Tools[1], Is.TypeOf<UnknownToolDefinition>());
            var unknown = (UnknownToolDefinition)assistant.Tools[1];
            Assert.That(unknown.Type, Is.EqualTo("web_browser"));
            Wire.AssertJson(unknown.RawJson, """{"type":"web_browser","web_browser":{"max_pages":3,"allowed_domains":["example.com"]}}""", "raw tool");
            Assert.That(((FunctionToolDefinition)assistant.Tools[2]).Function.Name, Is.EqualTo("f"));
        }
    }

    [Test]
    public async Task GetRun_UnknownToolTypeInToolsAndAttachment_KeepsRawJson()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """
            {"id":"run_abc123","object":"thread.run","status":"queued","tools":[{"type":"computer_use","display":{"width":1024,"height":768}}]}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", """
            {"id":"msg_abc123","object":"thread.message","content":[],"attachments":[{"file_id":"file-1","tools":[{"type":"image_search","depth":2}]}]}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");
        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        using (Assert.EnterMultipleScope())
        {
            var tool = (UnknownToolDefinition)run.Tools.Single();
            Assert.That(tool.Type, Is.EqualTo("computer_use"));
            Wire.AssertJson(tool.RawJson, """{"type":"computer_use","display":{"width":1024,"height":768}}""", "run tool");
            var attachmentTool = (UnknownToolDefinition)message.Attachments!.Single().Tools.Single();
            Assert.That(attachmentTool.Type, Is.EqualTo("image_search"));
            Wire.AssertJson(attachmentTool.RawJson, """{"type":"image_search","depth":2}""", "attachment tool");
        }
    }

    [Test]
    public async Task GetMessage_UnknownContentType_KeepsRawJsonBesideKnownParts()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", """
            {"id":"msg_abc123","object":"thread.message","created_at":1699017614,"thread_id":"thread_abc123","status":"completed","role":"assistant",
             "content":[{"type":"text","text":{"value":"Listen:","annotations":[]}},
                        {"type":"audio_file","audio_file":{"file_id":"file-aud1","format":"mp3"}},
                        {"type":"text","text":{"value":" done.","annotations":[]}}],
             "assistant_id":"asst_abc123","run_id":"run_abc123","attachments":[],"metadata":{}}
            """);

        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        Assert.That(message.Content, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(message.Content[1], Is.TypeOf<UnknownMessageContent>());
            var unknown = (UnknownMessageContent)message.Content[1];
            Assert.That(unknown.Type, Is.EqualTo("audio_file"));
            Wire.AssertJson(unknown.RawJson, """{"type":"audio_file","audio_file":{"file_id":"file-aud1","format":"mp3"}}""", "raw content");
            Assert.That(message.Text, Is.EqualTo("Listen: done."), "the text helper skips parts it does not know");
        }
    }

    [Test]
    public async Task GetMessage_UnknownAnnotationType_KeepsRangeAndRawJson()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", """
            {"id":"msg_abc123","object":"thread.message","role":"assistant","content":[{"type":"text","text":{"value":"See [1].","annotations":[
               {"type":"url_citation","text":"[1]","start_index":4,"end_index":7,"url_citation":{"url":"https://example.com/a","title":"A"}},
               {"type":"file_path","text":"x","start_index":0,"end_index":1,"file_path":{"file_id":"file-p"}}]}}]}
            """);

        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        MessageText text = ((TextMessageContent)message.Content.Single()).Text!;
        Assert.That(text.Annotations, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            var unknown = (UnknownTextAnnotation)text.Annotations[0];
            Assert.That(unknown.Type, Is.EqualTo("url_citation"));
            Assert.That(unknown.Text, Is.EqualTo("[1]"));
            Assert.That(unknown.StartIndex, Is.EqualTo(4));
            Assert.That(unknown.EndIndex, Is.EqualTo(7));
            Wire.AssertJson(
                unknown.RawJson,
                """{"type":"url_citation","text":"[1]","start_index":4,"end_index":7,"url_citation":{"url":"https://example.com/a","title":"A"}}""",
                "raw annotation");
            Assert.That(((FilePathTextAnnotation)text.Annotations[1]).FilePath!.FileId, Is.EqualTo("file-p"));
        }
    }

    [Test]
    public async Task GetRunStep_UnknownStepDetailsType_KeepsRawJson()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_r1", """
            {"id":"step_r1","object":"thread.run.step","created_at":1699063291,"assistant_id":"asst_abc123","thread_id":"thread_abc123",
             "run_id":"run_abc123","type":"reasoning","status":"completed",
             "step_details":{"type":"reasoning","reasoning":{"summary":[{"type":"summary_text","text":"Checked units."}]}},
             "last_error":null,"expired_at":null,"cancelled_at":null,"failed_at":null,"completed_at":1699063299,"metadata":{},"usage":null}
            """);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_r1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(step.StepDetails, Is.TypeOf<UnknownRunStepDetails>());
            var details = (UnknownRunStepDetails)step.StepDetails!;
            Assert.That(details.Type, Is.EqualTo("reasoning"));
            Wire.AssertJson(details.RawJson, """{"type":"reasoning","reasoning":{"summary":[{"type":"summary_text","text":"Checked units."}]}}""", "raw details");
            Assert.That(step.CompletedAt, Is.EqualTo(1699063299));
        }
    }

    [Test]
    public async Task GetRunStep_UnknownToolCallAndOutputTypes_KeepIdAndRawJson()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_tools1", """
            {"id":"step_tools1","object":"thread.run.step","type":"tool_calls","status":"completed","step_details":{"type":"tool_calls","tool_calls":[
               {"id":"call_web1","type":"web_search","web_search":{"query":"weather paris","results":3}},
               {"id":"call_ci1","type":"code_interpreter","code_interpreter":{"input":"plot()","outputs":[
                  {"type":"chart","chart":{"file_id":"file-ch1","kind":"bar"}},{"type":"logs","logs":"ok"}]}}]}}
            """);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_tools1");

        var calls = ((ToolCallsStepDetails)step.StepDetails!).ToolCalls;
        Assert.That(calls, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            var unknownCall = (UnknownRunStepToolCall)calls[0];
            Assert.That(unknownCall.Id, Is.EqualTo("call_web1"));
            Assert.That(unknownCall.Type, Is.EqualTo("web_search"));
            Wire.AssertJson(unknownCall.RawJson, """{"id":"call_web1","type":"web_search","web_search":{"query":"weather paris","results":3}}""", "raw call");
            var code = (CodeInterpreterToolCall)calls[1];
            Assert.That(code.CodeInterpreter!.Outputs, Has.Count.EqualTo(2));
            var unknownOutput = (UnknownCodeInterpreterOutput)code.CodeInterpreter.Outputs[0];
            Assert.That(unknownOutput.Type, Is.EqualTo("chart"));
            Wire.AssertJson(unknownOutput.RawJson, """{"type":"chart","chart":{"file_id":"file-ch1","kind":"bar"}}""", "raw output");
            Assert.That(((CodeInterpreterLogsOutput)code.CodeInterpreter.Outputs[1]).Logs, Is.EqualTo("ok"));
        }
    }

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
    public async Task GetMessage_NullInSpecRequiredFields_IsAccepted()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_user1", """
            {"id":"msg_user1","object":"thread.message","created_at":1699017600,"thread_id":"thread_abc123","status":null,
             "incomplete_details":null,"completed_at":null,"incomplete_at":null,"role":"user",
             "content":[{"type":"text","text":{"value":"hi","annotations":[]}}],
             "assistant_id":null,"run_id":null,"attachments":null,"metadata":null}
            """);

        ThreadMessage m = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_user1");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Id, Is.EqualTo("msg_user1"));
            Assert.That(m.Status, Is.Null);
            Assert.That(m.CompletedAt, Is.Null);
            Assert.That(m.IncompleteAt, Is.Null);
            Assert.That(m.IncompleteDetails, Is.Null);
            Assert.That(m.Role, Is.EqualTo(MessageRole.User));
            Assert.That(m.AssistantId, Is.Null);
            Assert.That(m.RunId, Is.Null);
            Assert.That(m.Attachments, Is.Null);
            Assert.That(m.Metadata, Is.Null);
            Assert.That(m.Text, Is.EqualTo("hi"));
        }
    }

    [Test]
    public async Task GetMessage_NullCollections_ReadAsEmpty()
    {
        // content, annotations and attachment tools are declared non-nullable lists: a null on the wire must not surface as null.
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_1", """
            {"id":"msg_1","object":"thread.message","role":"assistant","content":null,"attachments":[{"file_id":"file-a","tools":null}]}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_2", """
            {"id":"msg_2","object":"thread.message","role":"assistant","content":[{"type":"text","text":{"value":"v","annotations":null}}]}
            """);

        ThreadMessage withoutContent = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_1");
        ThreadMessage withoutAnnotations = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_2");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(withoutContent.Content, Is.Not.Null.And.Empty, "ThreadMessage.Content");
            Assert.That(withoutContent.Text, Is.Empty);
            Assert.That(withoutContent.Attachments!.Single().Tools, Is.Not.Null.And.Empty, "MessageCreationAttachment.Tools");
            Assert.That(((TextMessageContent)withoutAnnotations.Content.Single()).Text!.Annotations, Is.Not.Null.And.Empty, "MessageText.Annotations");
        }
    }

    [Test]
    public async Task GetRun_NullInSpecRequiredFields_IsAccepted()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """
            {"id":"run_abc123","object":"thread.run","created_at":1699063290,"thread_id":"thread_abc123","assistant_id":"asst_abc123",
             "status":"queued","required_action":null,"last_error":null,"expires_at":null,"started_at":null,"cancelled_at":null,
             "failed_at":null,"completed_at":null,"incomplete_details":null,"model":null,"instructions":null,"tools":null,
             "metadata":null,"usage":null,"temperature":null,"top_p":null,"max_prompt_tokens":null,"max_completion_tokens":null,
             "truncation_strategy":null,"tool_choice":null,"parallel_tool_calls":null,"response_format":null}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Id, Is.EqualTo("run_abc123"));
            Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(run.Instructions, Is.Null);
            Assert.That(run.Model, Is.Null);
            Assert.That(run.Tools, Is.Not.Null.And.Empty);
            Assert.That(run.Metadata, Is.Null);
            Assert.That(run.Usage, Is.Null);
            Assert.That(run.ExpiresAt, Is.Null);
            Assert.That(run.Temperature, Is.Null);
            Assert.That(run.TopP, Is.Null);
            Assert.That(run.MaxPromptTokens, Is.Null);
            Assert.That(run.TruncationStrategy, Is.Null);
            Assert.That(run.ToolChoice, Is.Null);
            Assert.That(run.ParallelToolCalls, Is.Null);
            Assert.That(run.ResponseFormat, Is.Null);
        }
    }

    [Test]
    public async Task GetAssistantAndStepAndPage_NullInSpecRequiredFields_IsAccepted()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """
            {"id":"asst_abc123","object":"assistant","created_at":null,"name":null,"description":null,"model":null,"instructions":null,
             "tools":null,"tool_resources":null,"metadata":null,"temperature":null,"top_p":null,"response_format":null}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_1", """
            {"id":"step_1","object":"thread.run.step","created_at":1,"assistant_id":null,"thread_id":"thread_abc123","run_id":"run_abc123",
             "type":"tool_calls","status":"in_progress","step_details":{"type":"tool_calls","tool_calls":null},"last_error":null,
             "expired_at":null,"cancelled_at":null,"failed_at":null,"completed_at":null,"metadata":null,"usage":null}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/runs", """{"object":"list","data":null,"first_id":null,"last_id":null,"has_more":false}""");

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");
        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_1");
        CursorPage<ThreadRun> page = await _stub.Runs.ListRunsAsync("thread_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(assistant.Id, Is.EqualTo("asst_abc123"));
            Assert.That(assistant.CreatedAt, Is.Null);
            Assert.That(assistant.Name, Is.Null);
            Assert.That(assistant.Description, Is.Null);
            Assert.That(assistant.Model, Is.Null);
            Assert.That(assistant.Instructions, Is.Null);
            Assert.That(assistant.Tools, Is.Not.Null.And.Empty);
            Assert.That(assistant.ToolResources, Is.Null);
            Assert.That(assistant.Metadata, Is.Null);
            Assert.That(assistant.Temperature, Is.Null);
            Assert.That(assistant.ResponseFormat, Is.Null);
            Assert.That(step.AssistantId, Is.Null);
            Assert.That(((ToolCallsStepDetails)step.StepDetails!).ToolCalls, Is.Not.Null.And.Empty);
            Assert.That(step.Usage, Is.Null);
            Assert.That(step.Metadata, Is.Null);
            Assert.That(page.Data, Is.Not.Null.And.Empty);
            Assert.That(page.FirstId, Is.Null);
            Assert.That(page.LastId, Is.Null);
        }
    }

    [Test]
    public async Task GetRun_MinimalObject_LeavesEverythingElseUnset()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """{"id":"run_abc123"}""");

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.Id, Is.EqualTo("run_abc123"));
            Assert.That(run.Status, Is.Null);
            Assert.That(run.Tools, Is.Not.Null.And.Empty);
            Assert.That(run.RequiredAction, Is.Null);
            Assert.That(run.AdditionalProperties, Is.Null.Or.Empty);
        }
    }

    [Test]
    public async Task GetRun_RealServerExtras_AreRead()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """
            {"id":"run_abc123","object":"thread.run","status":"completed","model":"o3-mini","reasoning_effort":"high",
             "tool_resources":{"code_interpreter":{"file_ids":["file-ci9"]},"file_search":{"vector_store_ids":["vs_9"]}},
             "usage":{"prompt_tokens":500,"completion_tokens":900,"total_tokens":1400,
                      "prompt_token_details":{"cached_tokens":128},"completion_tokens_details":{"reasoning_tokens":640}}}
            """);

        ThreadRun run = await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ReasoningEffort, Is.EqualTo("high"));
            Assert.That(run.ToolResources!.CodeInterpreter!.FileIds, Is.EqualTo(new[] { "file-ci9" }));
            Assert.That(run.ToolResources.FileSearch!.VectorStoreIds, Is.EqualTo(new[] { "vs_9" }));
            Assert.That(run.Usage!.PromptTokenDetails!.CachedTokens, Is.EqualTo(128));
            Assert.That(run.Usage.CompletionTokenDetails!.ReasoningTokens, Is.EqualTo(640));
            Assert.That(run.Usage.TotalTokens, Is.EqualTo(1400));
            Assert.That(run.AdditionalProperties, Is.Null.Or.Empty, "every extra here is modelled");
            Assert.That(run.Usage.AdditionalProperties, Is.Null.Or.Empty, "every extra here is modelled");
        }
    }

    [Test]
    public async Task GetAssistantAndStepAndMessage_RealServerExtras_AreRead()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", """{"id":"asst_abc123","object":"assistant","model":"o3-mini","reasoning_effort":"low","tools":[]}""");
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_fs1", """
            {"id":"step_fs1","object":"thread.run.step","type":"tool_calls","status":"in_progress","expires_at":1699064000,
             "usage":{"prompt_tokens":1,"completion_tokens":2,"total_tokens":3,"prompt_token_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":2}},
             "step_details":{"type":"tool_calls","tool_calls":[{"id":"call_fs1","type":"file_search","file_search":{
               "ranking_options":{"ranker":"default_2024_08_21","score_threshold":0.0},
               "results":[{"file_id":"file-doc1","file_name":"notes.pdf","score":0.9,"attributes":{"author":"Jane","year":2024,"draft":false},
                           "content":[{"type":"text","text":"..."}]}]}}]}}
            """);
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", """
            {"id":"msg_abc123","object":"thread.message","role":"assistant","content":[{"type":"text","text":{"value":"q","annotations":[
              {"type":"file_citation","text":"【1】","start_index":0,"end_index":3,"file_citation":{"file_id":"file-c","quote":"forty-two"}}]}}]}
            """);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");
        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_fs1");
        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123");

        FileSearchResult result = ((FileSearchToolCall)((ToolCallsStepDetails)step.StepDetails!).ToolCalls.Single()).FileSearch!.Results.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(assistant.ReasoningEffort, Is.EqualTo("low"));
            Assert.That(step.ExpiresAt, Is.EqualTo(1699064000));
            Assert.That(step.ExpiredAt, Is.Null);
            Assert.That(step.Usage!.PromptTokenDetails!.CachedTokens, Is.Zero);
            Assert.That(step.Usage.CompletionTokenDetails!.ReasoningTokens, Is.EqualTo(2));
            Assert.That(result.Attributes, Is.Not.Null);
            Assert.That(result.Attributes!.Keys, Is.EquivalentTo(new[] { "author", "year", "draft" }));
            Assert.That(result.Attributes["author"].GetString(), Is.EqualTo("Jane"));
            Assert.That(result.Attributes["year"].GetInt32(), Is.EqualTo(2024));
            Assert.That(result.Attributes["draft"].GetBoolean(), Is.False);
            Assert.That(result.AdditionalProperties, Is.Null.Or.Empty);
            Assert.That(step.AdditionalProperties, Is.Null.Or.Empty);
            var citation = (FileCitationTextAnnotation)((TextMessageContent)message.Content.Single()).Text!.Annotations.Single();
            Assert.That(citation.FileCitation!.Quote, Is.EqualTo("forty-two"));
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
