using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>
/// Forward compatibility, values the spec does not list: unknown enum values and unknown variant types (tools, content parts,
/// annotations, step details, tool calls) are kept with their raw JSON, never a failure.
/// </summary>
public sealed class UnknownValueTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    [Property("ReliabilityRow", "17")]
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
    [Property("ReliabilityRow", "17")]
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
}
