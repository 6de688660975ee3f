using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// Field-by-field assertions of the typed results against the hand-written <see cref="Payloads"/>: every value is written
/// here literally, so a field the client drops, renames or misreads fails the test.
/// </summary>
internal static class Expected
{
    private const string WeatherParameters = """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""";

    public static void NoExtras(IDictionary<string, JsonElement>? additional, string what) =>
        Assert.That(additional, Is.Null.Or.Empty, $"{what} has no unmodelled fields");

    public static void Assistant(Assistant a)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Id, Is.EqualTo("asst_abc123"));
            Assert.That(a.Object, Is.EqualTo("assistant"));
            Assert.That(a.CreatedAt, Is.EqualTo(1698984975));
            Assert.That(a.Name, Is.EqualTo("Math Tutor"));
            Assert.That(a.Description, Is.EqualTo("Answers maths questions step by step."));
            Assert.That(a.Model, Is.EqualTo("gpt-4o"));
            Assert.That(a.Instructions, Is.EqualTo("You are a personal math tutor."));
            Assert.That(a.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["team"] = "edu", ["tier"] = "gold" }));
            Assert.That(a.Temperature, Is.EqualTo(0.7));
            Assert.That(a.TopP, Is.EqualTo(0.9));
            Assert.That(a.ReasoningEffort, Is.Null);
            NoExtras(a.AdditionalProperties, "assistant");
        }

        Assert.That(a.Tools, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Tools[0], Is.TypeOf<CodeInterpreterToolDefinition>());
            Assert.That(a.Tools[0].Type, Is.EqualTo("code_interpreter"));
            NoExtras(a.Tools[0].AdditionalProperties, "code_interpreter tool");
            var fileSearch = (FileSearchToolDefinition)a.Tools[1];
            Assert.That(fileSearch.Type, Is.EqualTo("file_search"));
            Assert.That(fileSearch.FileSearch!.MaxNumResults, Is.EqualTo(8));
            Assert.That(fileSearch.FileSearch.RankingOptions!.Ranker, Is.EqualTo("default_2024_08_21"));
            Assert.That(fileSearch.FileSearch.RankingOptions.ScoreThreshold, Is.EqualTo(0.55));
            var function = (FunctionToolDefinition)a.Tools[2];
            Assert.That(function.Type, Is.EqualTo("function"));
            Assert.That(function.Function.Name, Is.EqualTo("get_weather"));
            Assert.That(function.Function.Description, Is.EqualTo("Gets the current weather for a city."));
            Wire.AssertJson(function.Function.Parameters, WeatherParameters, "function parameters");
            Assert.That(function.Function.Strict, Is.True);
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.ToolResources!.CodeInterpreter!.FileIds, Is.EqualTo(new[] { "file-ci1", "file-ci2" }));
            Assert.That(a.ToolResources.FileSearch!.VectorStoreIds, Is.EqualTo(new[] { "vs_abc" }));
            Assert.That(a.ToolResources.FileSearch.VectorStores, Is.Null);
            Assert.That(a.ResponseFormat!.Type, Is.EqualTo("json_schema"));
            Assert.That(a.ResponseFormat.JsonSchema!.Name, Is.EqualTo("answer"));
            Assert.That(a.ResponseFormat.JsonSchema.Description, Is.EqualTo("The final answer."));
            Wire.AssertJson(a.ResponseFormat.JsonSchema.Schema, """{"type":"object","properties":{"value":{"type":"number"}}}""", "json_schema.schema");
            Assert.That(a.ResponseFormat.JsonSchema.Strict, Is.True);
        }
    }

    public static void AssistantMinimal(Assistant a)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.Id, Is.EqualTo("asst_def456"));
            Assert.That(a.Object, Is.EqualTo("assistant"));
            Assert.That(a.CreatedAt, Is.EqualTo(1698984980));
            Assert.That(a.Name, Is.Null);
            Assert.That(a.Description, Is.Null);
            Assert.That(a.Model, Is.EqualTo("gpt-4o-mini"));
            Assert.That(a.Instructions, Is.Null);
            Assert.That(a.Tools, Is.Empty);
            Assert.That(a.ToolResources, Is.Not.Null);
            Assert.That(a.ToolResources!.CodeInterpreter, Is.Null);
            Assert.That(a.ToolResources.FileSearch, Is.Null);
            Assert.That(a.Metadata, Is.Empty);
            Assert.That(a.Temperature, Is.EqualTo(1.0));
            Assert.That(a.TopP, Is.EqualTo(1.0));
            Assert.That(a.ResponseFormat!.Type, Is.EqualTo("auto"));
            Assert.That(a.ResponseFormat.JsonSchema, Is.Null);
            NoExtras(a.AdditionalProperties, "assistant");
        }
    }

    public static void Thread(AssistantThread t)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(t.Id, Is.EqualTo("thread_abc123"));
            Assert.That(t.Object, Is.EqualTo("thread"));
            Assert.That(t.CreatedAt, Is.EqualTo(1699012949));
            Assert.That(t.ToolResources!.CodeInterpreter!.FileIds, Is.EqualTo(new[] { "file-ci1" }));
            Assert.That(t.ToolResources.FileSearch!.VectorStoreIds, Is.EqualTo(new[] { "vs_thread1" }));
            Assert.That(t.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["topic"] = "fractions" }));
            NoExtras(t.AdditionalProperties, "thread");
        }
    }

    public static void Deletion(DeletionResult d, string id, string objectType)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(d.Id, Is.EqualTo(id));
            Assert.That(d.Object, Is.EqualTo(objectType));
            Assert.That(d.Deleted, Is.True);
            NoExtras(d.AdditionalProperties, "deletion result");
        }
    }

    public static void AssistantMessage(ThreadMessage m)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Id, Is.EqualTo("msg_abc123"));
            Assert.That(m.Object, Is.EqualTo("thread.message"));
            Assert.That(m.CreatedAt, Is.EqualTo(1699017614));
            Assert.That(m.ThreadId, Is.EqualTo("thread_abc123"));
            Assert.That(m.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(m.IncompleteDetails, Is.Null);
            Assert.That(m.CompletedAt, Is.EqualTo(1699017620));
            Assert.That(m.IncompleteAt, Is.Null);
            Assert.That(m.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(m.AssistantId, Is.EqualTo("asst_abc123"));
            Assert.That(m.RunId, Is.EqualTo("run_abc123"));
            Assert.That(m.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["lang"] = "en" }));
            Assert.That(m.Text, Is.EqualTo("The answer is 42 【4:0†notes.pdf】. Table: sandbox:/mnt/data/out.csv"));
            NoExtras(m.AdditionalProperties, "message");
        }

        Assert.That(m.Attachments, Has.Count.EqualTo(1));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Attachments![0].FileId, Is.EqualTo("file-att1"));
            Assert.That(m.Attachments[0].Tools.Select(t => t.GetType()), Is.EqualTo(new[] { typeof(CodeInterpreterToolDefinition), typeof(FileSearchToolDefinition) }));
            Assert.That(((FileSearchToolDefinition)m.Attachments[0].Tools[1]).FileSearch, Is.Null);
        }

        Assert.That(m.Content, Has.Count.EqualTo(4));
        var text = (TextMessageContent)m.Content[0];
        Assert.That(text.Text!.Annotations, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.Type, Is.EqualTo("text"));
            Assert.That(text.Text.Value, Is.EqualTo("The answer is 42 【4:0†notes.pdf】. Table: sandbox:/mnt/data/out.csv"));
            var citation = (FileCitationTextAnnotation)text.Text.Annotations[0];
            Assert.That(citation.Type, Is.EqualTo("file_citation"));
            Assert.That(citation.Text, Is.EqualTo("【4:0†notes.pdf】"));
            Assert.That(citation.StartIndex, Is.EqualTo(17));
            Assert.That(citation.EndIndex, Is.EqualTo(32));
            Assert.That(citation.FileCitation!.FileId, Is.EqualTo("file-cite1"));
            Assert.That(citation.FileCitation.Quote, Is.Null);
            var path = (FilePathTextAnnotation)text.Text.Annotations[1];
            Assert.That(path.Type, Is.EqualTo("file_path"));
            Assert.That(path.Text, Is.EqualTo("sandbox:/mnt/data/out.csv"));
            Assert.That(path.StartIndex, Is.EqualTo(41));
            Assert.That(path.EndIndex, Is.EqualTo(66));
            Assert.That(path.FilePath!.FileId, Is.EqualTo("file-out1"));

            var imageFile = (ImageFileMessageContent)m.Content[1];
            Assert.That(imageFile.Type, Is.EqualTo("image_file"));
            Assert.That(imageFile.ImageFile!.FileId, Is.EqualTo("file-img1"));
            Assert.That(imageFile.ImageFile.Detail, Is.EqualTo(MessageImageDetail.High));
            var imageUrl = (ImageUrlMessageContent)m.Content[2];
            Assert.That(imageUrl.Type, Is.EqualTo("image_url"));
            Assert.That(imageUrl.ImageUrl!.Url, Is.EqualTo("https://example.com/chart.png"));
            Assert.That(imageUrl.ImageUrl.Detail, Is.EqualTo(MessageImageDetail.Low));
            var refusal = (RefusalMessageContent)m.Content[3];
            Assert.That(refusal.Type, Is.EqualTo("refusal"));
            Assert.That(refusal.Refusal, Is.EqualTo("I can't share the raw data."));
        }
    }

    public static void UserMessage(ThreadMessage m)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Id, Is.EqualTo("msg_user1"));
            Assert.That(m.Object, Is.EqualTo("thread.message"));
            Assert.That(m.CreatedAt, Is.EqualTo(1699017600));
            Assert.That(m.ThreadId, Is.EqualTo("thread_abc123"));
            Assert.That(m.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(m.IncompleteDetails, Is.Null);
            Assert.That(m.CompletedAt, Is.EqualTo(1699017600));
            Assert.That(m.IncompleteAt, Is.Null);
            Assert.That(m.Role, Is.EqualTo(MessageRole.User));
            Assert.That(m.AssistantId, Is.Null);
            Assert.That(m.RunId, Is.Null);
            Assert.That(m.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["source"] = "web" }));
            Assert.That(m.Content, Has.Count.EqualTo(1));
            Assert.That(((TextMessageContent)m.Content[0]).Text!.Value, Is.EqualTo("What is 6 times 7?"));
            Assert.That(((TextMessageContent)m.Content[0]).Text!.Annotations, Is.Empty);
            Assert.That(m.Text, Is.EqualTo("What is 6 times 7?"));
            Assert.That(m.Attachments, Has.Count.EqualTo(1));
            Assert.That(m.Attachments![0].FileId, Is.EqualTo("file-att2"));
            Assert.That(m.Attachments[0].Tools.Single(), Is.TypeOf<FileSearchToolDefinition>());
            NoExtras(m.AdditionalProperties, "message");
        }
    }

    public static void IncompleteMessage(ThreadMessage m)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(m.Id, Is.EqualTo("msg_cut1"));
            Assert.That(m.Object, Is.EqualTo("thread.message"));
            Assert.That(m.CreatedAt, Is.EqualTo(1699017700));
            Assert.That(m.ThreadId, Is.EqualTo("thread_abc123"));
            Assert.That(m.Status, Is.EqualTo(MessageStatus.Incomplete));
            Assert.That(m.IncompleteDetails!.Reason, Is.EqualTo("max_tokens"));
            Assert.That(m.CompletedAt, Is.Null);
            Assert.That(m.IncompleteAt, Is.EqualTo(1699017710));
            Assert.That(m.Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(m.Text, Is.EqualTo("The first step is"));
            Assert.That(m.AssistantId, Is.EqualTo("asst_abc123"));
            Assert.That(m.RunId, Is.EqualTo("run_abc123"));
            Assert.That(m.Attachments, Is.Empty);
            Assert.That(m.Metadata, Is.Empty);
        }
    }

    /// <summary>The fields every run payload shares.</summary>
    private static void RunIdentity(ThreadRun r, string id, long createdAt)
    {
        Assert.That(r.Id, Is.EqualTo(id));
        Assert.That(r.Object, Is.EqualTo("thread.run"));
        Assert.That(r.CreatedAt, Is.EqualTo(createdAt));
        Assert.That(r.ThreadId, Is.EqualTo("thread_abc123"));
        Assert.That(r.AssistantId, Is.EqualTo("asst_abc123"));
        Assert.That(r.ReasoningEffort, Is.Null);
        Assert.That(r.ToolResources, Is.Null);
        NoExtras(r.AdditionalProperties, "run");
    }

    public static void RunQueued(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_abc123", 1699063290);
            Assert.That(r.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(r.Status!.Value.IsTerminal, Is.False);
            Assert.That(r.RequiredAction, Is.Null);
            Assert.That(r.LastError, Is.Null);
            Assert.That(r.ExpiresAt, Is.EqualTo(1699063890));
            Assert.That(r.StartedAt, Is.Null);
            Assert.That(r.CancelledAt, Is.Null);
            Assert.That(r.FailedAt, Is.Null);
            Assert.That(r.CompletedAt, Is.Null);
            Assert.That(r.IncompleteDetails, Is.Null);
            Assert.That(r.Model, Is.EqualTo("gpt-4o"));
            Assert.That(r.Instructions, Is.EqualTo("You are a personal math tutor."));
            Assert.That(r.Tools.Single(), Is.TypeOf<CodeInterpreterToolDefinition>());
            Assert.That(r.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["session"] = "s-1" }));
            Assert.That(r.Usage, Is.Null);
            Assert.That(r.Temperature, Is.EqualTo(0.7));
            Assert.That(r.TopP, Is.EqualTo(0.9));
            Assert.That(r.MaxPromptTokens, Is.EqualTo(2000));
            Assert.That(r.MaxCompletionTokens, Is.EqualTo(1000));
            Assert.That(r.TruncationStrategy!.Type, Is.EqualTo(RunTruncationStrategyType.Auto));
            Assert.That(r.TruncationStrategy.LastMessages, Is.Null);
            Assert.That(r.ToolChoice!.Mode, Is.EqualTo("auto"));
            Assert.That(r.ToolChoice.IsSpecificTool, Is.False);
            Assert.That(r.ParallelToolCalls, Is.True);
            Assert.That(r.ResponseFormat!.Type, Is.EqualTo("auto"));
        }
    }

    public static void RunRequiresAction(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_abc123", 1699075072);
            Assert.That(r.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(r.LastError, Is.Null);
            Assert.That(r.ExpiresAt, Is.EqualTo(1699075672));
            Assert.That(r.StartedAt, Is.EqualTo(1699075073));
            Assert.That(r.CancelledAt, Is.Null);
            Assert.That(r.FailedAt, Is.Null);
            Assert.That(r.CompletedAt, Is.Null);
            Assert.That(r.IncompleteDetails, Is.Null);
            Assert.That(r.Model, Is.EqualTo("gpt-4o"));
            Assert.That(r.Instructions, Is.EqualTo("You are a weather bot."));
            Assert.That(r.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["user"] = "u-42" }));
            Assert.That(r.Usage, Is.Null);
            Assert.That(r.Temperature, Is.EqualTo(0.5));
            Assert.That(r.TopP, Is.EqualTo(0.8));
            Assert.That(r.MaxPromptTokens, Is.EqualTo(4000));
            Assert.That(r.MaxCompletionTokens, Is.EqualTo(800));
            Assert.That(r.TruncationStrategy!.Type, Is.EqualTo(RunTruncationStrategyType.LastMessages));
            Assert.That(r.TruncationStrategy.LastMessages, Is.EqualTo(10));
            Assert.That(r.ToolChoice!.IsSpecificTool, Is.True);
            Assert.That(r.ToolChoice.Mode, Is.Null);
            Assert.That(r.ToolChoice.Type, Is.EqualTo("function"));
            Assert.That(r.ToolChoice.FunctionName, Is.EqualTo("get_weather"));
            Assert.That(r.ParallelToolCalls, Is.True);
            Assert.That(r.ResponseFormat!.Type, Is.EqualTo("json_object"));
            Assert.That(r.ResponseFormat.JsonSchema, Is.Null);
        }

        Assert.That(r.Tools, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            var function = (FunctionToolDefinition)r.Tools[0];
            Assert.That(function.Function.Name, Is.EqualTo("get_weather"));
            Assert.That(function.Function.Description, Is.EqualTo("Gets the current weather for a city."));
            Wire.AssertJson(function.Function.Parameters, WeatherParameters, "function parameters");
            Assert.That(function.Function.Strict, Is.Null);
            var fileSearch = (FileSearchToolDefinition)r.Tools[1];
            Assert.That(fileSearch.FileSearch!.MaxNumResults, Is.EqualTo(5));
            Assert.That(fileSearch.FileSearch.RankingOptions, Is.Null);
        }

        Assert.That(r.RequiredAction!.SubmitToolOutputs!.ToolCalls, Has.Count.EqualTo(2));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(r.RequiredAction.Type, Is.EqualTo("submit_tool_outputs"));
            RunToolCall first = r.RequiredAction.SubmitToolOutputs.ToolCalls[0];
            Assert.That(first.Id, Is.EqualTo("call_001"));
            Assert.That(first.Type, Is.EqualTo("function"));
            Assert.That(first.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(first.Function.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            RunToolCall second = r.RequiredAction.SubmitToolOutputs.ToolCalls[1];
            Assert.That(second.Id, Is.EqualTo("call_002"));
            Assert.That(second.Type, Is.EqualTo("function"));
            Assert.That(second.Function!.Name, Is.EqualTo("get_time"));
            Assert.That(second.Function.Arguments, Is.EqualTo("""{"tz":"CET"}"""));
        }
    }

    public static void RunCompleted(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_abc123", 1699063290);
            Assert.That(r.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(r.Status!.Value.IsTerminal, Is.True);
            Assert.That(r.RequiredAction, Is.Null);
            Assert.That(r.LastError, Is.Null);
            Assert.That(r.ExpiresAt, Is.Null);
            Assert.That(r.StartedAt, Is.EqualTo(1699063291));
            Assert.That(r.CancelledAt, Is.Null);
            Assert.That(r.FailedAt, Is.Null);
            Assert.That(r.CompletedAt, Is.EqualTo(1699063299));
            Assert.That(r.IncompleteDetails, Is.Null);
            Assert.That(r.Model, Is.EqualTo("gpt-4o"));
            Assert.That(r.Instructions, Is.EqualTo("You are a personal math tutor."));
            Assert.That(r.Tools, Is.Empty);
            Assert.That(r.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["reviewed"] = "yes" }));
            Assert.That(r.Usage!.PromptTokens, Is.EqualTo(120));
            Assert.That(r.Usage.CompletionTokens, Is.EqualTo(45));
            Assert.That(r.Usage.TotalTokens, Is.EqualTo(165));
            Assert.That(r.Usage.PromptTokenDetails, Is.Null);
            Assert.That(r.Usage.CompletionTokenDetails, Is.Null);
            Assert.That(r.Temperature, Is.EqualTo(1.0));
            Assert.That(r.TopP, Is.EqualTo(1.0));
            Assert.That(r.MaxPromptTokens, Is.Null);
            Assert.That(r.MaxCompletionTokens, Is.Null);
            Assert.That(r.TruncationStrategy!.Type, Is.EqualTo(RunTruncationStrategyType.Auto));
            Assert.That(r.ToolChoice!.Mode, Is.EqualTo("none"));
            Assert.That(r.ParallelToolCalls, Is.False);
            Assert.That(r.ResponseFormat!.Type, Is.EqualTo("text"));
        }
    }

    public static void RunFailed(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_fail1", 1699060000);
            Assert.That(r.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(r.RequiredAction, Is.Null);
            Assert.That(r.LastError!.Code, Is.EqualTo("rate_limit_exceeded"));
            Assert.That(r.LastError.Message, Is.EqualTo("You exceeded your current quota."));
            Assert.That(r.ExpiresAt, Is.Null);
            Assert.That(r.StartedAt, Is.EqualTo(1699060001));
            Assert.That(r.CancelledAt, Is.Null);
            Assert.That(r.FailedAt, Is.EqualTo(1699060005));
            Assert.That(r.CompletedAt, Is.Null);
            Assert.That(r.IncompleteDetails, Is.Null);
            Assert.That(r.Model, Is.EqualTo("gpt-4o"));
            Assert.That(r.Instructions, Is.EqualTo("Be brief."));
            Assert.That(r.Tools, Is.Empty);
            Assert.That(r.Metadata, Is.Empty);
            Assert.That(r.Usage!.PromptTokens, Is.EqualTo(10));
            Assert.That(r.Usage.CompletionTokens, Is.EqualTo(0));
            Assert.That(r.Usage.TotalTokens, Is.EqualTo(10));
            Assert.That(r.ToolChoice!.Mode, Is.EqualTo("auto"));
            Assert.That(r.ParallelToolCalls, Is.True);
            Assert.That(r.ResponseFormat!.Type, Is.EqualTo("auto"));
        }
    }

    public static void RunIncomplete(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_cut1", 1699050000);
            Assert.That(r.Status, Is.EqualTo(RunStatus.Incomplete));
            Assert.That(r.LastError, Is.Null);
            Assert.That(r.StartedAt, Is.EqualTo(1699050001));
            Assert.That(r.CompletedAt, Is.EqualTo(1699050030));
            Assert.That(r.IncompleteDetails!.Reason, Is.EqualTo("max_completion_tokens"));
            Assert.That(r.Model, Is.EqualTo("gpt-4o-mini"));
            Assert.That(r.Instructions, Is.EqualTo("Explain in detail."));
            Assert.That(r.Usage!.PromptTokens, Is.EqualTo(300));
            Assert.That(r.Usage.CompletionTokens, Is.EqualTo(256));
            Assert.That(r.Usage.TotalTokens, Is.EqualTo(556));
            Assert.That(r.MaxPromptTokens, Is.EqualTo(1000));
            Assert.That(r.MaxCompletionTokens, Is.EqualTo(256));
            Assert.That(r.TruncationStrategy!.Type, Is.EqualTo(RunTruncationStrategyType.LastMessages));
            Assert.That(r.TruncationStrategy.LastMessages, Is.EqualTo(4));
            Assert.That(r.ToolChoice!.Mode, Is.EqualTo("required"));
            Assert.That(r.ParallelToolCalls, Is.False);
        }
    }

    public static void RunCancelling(ThreadRun r)
    {
        using (Assert.EnterMultipleScope())
        {
            RunIdentity(r, "run_abc123", 1699063290);
            Assert.That(r.Status, Is.EqualTo(RunStatus.Cancelling));
            Assert.That(r.Status!.Value.IsTerminal, Is.False);
            Assert.That(r.RequiredAction, Is.Null);
            Assert.That(r.LastError, Is.Null);
            Assert.That(r.ExpiresAt, Is.EqualTo(1699063890));
            Assert.That(r.StartedAt, Is.EqualTo(1699063291));
            Assert.That(r.CancelledAt, Is.Null);
            Assert.That(r.Usage, Is.Null);
            Assert.That(r.Tools.Single(), Is.TypeOf<CodeInterpreterToolDefinition>());
            Assert.That(r.MaxPromptTokens, Is.Null);
            Assert.That(r.ToolChoice!.Mode, Is.EqualTo("auto"));
        }
    }

    private static void StepIdentity(RunStep s, string id, long createdAt)
    {
        Assert.That(s.Id, Is.EqualTo(id));
        Assert.That(s.Object, Is.EqualTo("thread.run.step"));
        Assert.That(s.CreatedAt, Is.EqualTo(createdAt));
        Assert.That(s.AssistantId, Is.EqualTo("asst_abc123"));
        Assert.That(s.ThreadId, Is.EqualTo("thread_abc123"));
        Assert.That(s.RunId, Is.EqualTo("run_abc123"));
        Assert.That(s.ExpiredAt, Is.Null);
        Assert.That(s.ExpiresAt, Is.Null);
        Assert.That(s.CancelledAt, Is.Null);
        NoExtras(s.AdditionalProperties, "run step");
    }

    public static void StepMessageCreation(RunStep s)
    {
        using (Assert.EnterMultipleScope())
        {
            StepIdentity(s, "step_msg1", 1699063291);
            Assert.That(s.Type, Is.EqualTo(RunStepKind.MessageCreation));
            Assert.That(s.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(s.StepDetails, Is.TypeOf<MessageCreationStepDetails>());
            Assert.That(s.StepDetails!.Type, Is.EqualTo("message_creation"));
            Assert.That(((MessageCreationStepDetails)s.StepDetails).MessageCreation!.MessageId, Is.EqualTo("msg_abc123"));
            Assert.That(s.LastError, Is.Null);
            Assert.That(s.FailedAt, Is.Null);
            Assert.That(s.CompletedAt, Is.EqualTo(1699063299));
            Assert.That(s.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["k"] = "v" }));
            Assert.That(s.Usage!.PromptTokens, Is.EqualTo(123));
            Assert.That(s.Usage.CompletionTokens, Is.EqualTo(456));
            Assert.That(s.Usage.TotalTokens, Is.EqualTo(579));
        }
    }

    public static void StepToolCalls(RunStep s)
    {
        using (Assert.EnterMultipleScope())
        {
            StepIdentity(s, "step_tools1", 1699063292);
            Assert.That(s.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(s.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(s.LastError, Is.Null);
            Assert.That(s.FailedAt, Is.Null);
            Assert.That(s.CompletedAt, Is.EqualTo(1699063298));
            Assert.That(s.Metadata, Is.Empty);
            Assert.That(s.Usage!.PromptTokens, Is.EqualTo(200));
            Assert.That(s.Usage.CompletionTokens, Is.EqualTo(30));
            Assert.That(s.Usage.TotalTokens, Is.EqualTo(230));
        }

        var details = (ToolCallsStepDetails)s.StepDetails!;
        Assert.That(details.ToolCalls, Has.Count.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(details.Type, Is.EqualTo("tool_calls"));
            var code = (CodeInterpreterToolCall)details.ToolCalls[0];
            Assert.That(code.Id, Is.EqualTo("call_ci1"));
            Assert.That(code.Type, Is.EqualTo("code_interpreter"));
            Assert.That(code.CodeInterpreter!.Input, Is.EqualTo("print(6 * 7)"));
            Assert.That(code.CodeInterpreter.Outputs, Has.Count.EqualTo(2));
            Assert.That(((CodeInterpreterLogsOutput)code.CodeInterpreter.Outputs[0]).Logs, Is.EqualTo("42\n"));
            Assert.That(code.CodeInterpreter.Outputs[0].Type, Is.EqualTo("logs"));
            Assert.That(((CodeInterpreterImageOutput)code.CodeInterpreter.Outputs[1]).Image!.FileId, Is.EqualTo("file-plot1"));
            Assert.That(code.CodeInterpreter.Outputs[1].Type, Is.EqualTo("image"));

            var search = (FileSearchToolCall)details.ToolCalls[1];
            Assert.That(search.Id, Is.EqualTo("call_fs1"));
            Assert.That(search.Type, Is.EqualTo("file_search"));
            Assert.That(search.FileSearch!.RankingOptions!.Ranker, Is.EqualTo("default_2024_08_21"));
            Assert.That(search.FileSearch.RankingOptions.ScoreThreshold, Is.EqualTo(0.4));
            Assert.That(search.FileSearch.Results, Has.Count.EqualTo(1));
            FileSearchResult result = search.FileSearch.Results[0];
            Assert.That(result.FileId, Is.EqualTo("file-doc1"));
            Assert.That(result.FileName, Is.EqualTo("notes.pdf"));
            Assert.That(result.Score, Is.EqualTo(0.87));
            Assert.That(result.Attributes, Is.Null);
            Assert.That(result.Content, Has.Count.EqualTo(1));
            Assert.That(result.Content[0].Type, Is.EqualTo("text"));
            Assert.That(result.Content[0].Text, Is.EqualTo("Six times seven is forty-two."));

            var function = (FunctionToolCall)details.ToolCalls[2];
            Assert.That(function.Id, Is.EqualTo("call_fn1"));
            Assert.That(function.Type, Is.EqualTo("function"));
            Assert.That(function.Function!.Name, Is.EqualTo("get_weather"));
            Assert.That(function.Function.Arguments, Is.EqualTo("""{"city":"Paris"}"""));
            Assert.That(function.Function.Output, Is.EqualTo("""{"temp_c":21}"""));
        }
    }

    public static void StepFailed(RunStep s)
    {
        using (Assert.EnterMultipleScope())
        {
            StepIdentity(s, "step_fail1", 1699063300);
            Assert.That(s.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(s.Status, Is.EqualTo(RunStepStatus.Failed));
            Assert.That(s.LastError!.Code, Is.EqualTo("server_error"));
            Assert.That(s.LastError.Message, Is.EqualTo("The tool call failed."));
            Assert.That(s.FailedAt, Is.EqualTo(1699063301));
            Assert.That(s.CompletedAt, Is.Null);
            Assert.That(s.Metadata, Is.Null);
            Assert.That(s.Usage, Is.Null);
            var call = (FunctionToolCall)((ToolCallsStepDetails)s.StepDetails!).ToolCalls.Single();
            Assert.That(call.Id, Is.EqualTo("call_fn2"));
            Assert.That(call.Function!.Name, Is.EqualTo("get_time"));
            Assert.That(call.Function.Arguments, Is.EqualTo("{}"));
            Assert.That(call.Function.Output, Is.Null);
        }
    }
}
