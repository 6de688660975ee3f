using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>
/// Forward compatibility, bodies that are thinner or richer than the spec: nulls in required fields and null collections are
/// accepted, a minimal object leaves the rest unset, and the extras real servers add are read.
/// </summary>
public sealed class SparseAndExtraFieldTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

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
    public async Task GetMessage_NullAndUnknownAnnotations_AreDroppedAndKeptInOrder_AndAFunctionToolsNullParametersStayNull()
    {
        // The text of a message and its annotations, and a tool's function, are read on read stacks of their own
        // (OwnReadStackConverter): null elements are still dropped, unknown annotations still kept, siblings still read.
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_1", """
            {"id":"msg_1","object":"thread.message","role":"assistant",
             "content":[{"type":"text","text":{"annotations":[null,{"type":"file_path","text":"p","file_path":{"file_id":"file-p"}},null,
                          {"type":"x_link","url":"https://example.com"}],"value":"see p"}},
                        {"type":"text","text":null}],
             "assistant_id":"asst_1"}
            """);
        _stub.Given("GET", "/v1/assistants/asst_1", """
            {"id":"asst_1","object":"assistant","tools":[{"type":"function","function":{"name":"f","parameters":null}},
             {"type":"file_search","file_search":{"ranking_options":null,"max_num_results":2}}],"model":"m"}
            """);

        ThreadMessage message = await _stub.Messages.GetMessageAsync("thread_abc123", "msg_1");
        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_1");

        using (Assert.EnterMultipleScope())
        {
            MessageText text = ((TextMessageContent)message.Content[0]).Text!;
            Assert.That(text.Value, Is.EqualTo("see p"));
            Assert.That(text.Annotations.Select(a => a.Type), Is.EqualTo(new[] { "file_path", "x_link" }));
            Assert.That(((FilePathTextAnnotation)text.Annotations[0]).FilePath!.FileId, Is.EqualTo("file-p"));
            Wire.AssertJson(((UnknownTextAnnotation)text.Annotations[1]).RawJson, """{"type":"x_link","url":"https://example.com"}""", "annotation");
            Assert.That(((TextMessageContent)message.Content[1]).Text, Is.Null);
            Assert.That(message.AssistantId, Is.EqualTo("asst_1"));
            FunctionDefinition function = ((FunctionToolDefinition)assistant.Tools[0]).Function;
            Assert.That(function.Name, Is.EqualTo("f"));
            Assert.That(function.Parameters, Is.Null);
            var fileSearch = (FileSearchToolDefinition)assistant.Tools[1];
            Assert.That(fileSearch.FileSearch!.RankingOptions, Is.Null);
            Assert.That(fileSearch.FileSearch.MaxNumResults, Is.EqualTo(2));
            Assert.That(assistant.Model, Is.EqualTo("m"));
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
}
