using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>The payloads (hand-written from the spec's shapes) of the pipeline fixtures, and the assertions of their fields.</summary>
internal static class PipelinePayloads
{
    public const string AssistantJson =
        """
        {"id":"asst_abc123","object":"assistant","created_at":1698984975,"name":"Math Tutor","description":null,
         "model":"gpt-4o","instructions":"You are a personal math tutor.","tools":[{"type":"code_interpreter"}],
         "tool_resources":{},"metadata":{"team":"edu"},"temperature":1.0,"top_p":1.0,"response_format":"auto"}
        """;

    public const string ThreadJson =
        """{"id":"thread_abc123","object":"thread","created_at":1699012949,"tool_resources":{},"metadata":{"user":"u1"}}""";

    public const string RunJson =
        """
        {"id":"run_abc123","object":"thread.run","created_at":1699063290,"assistant_id":"asst_abc123","thread_id":"thread_abc123",
         "status":"queued","started_at":null,"expires_at":1699063890,"cancelled_at":null,"failed_at":null,"completed_at":null,
         "last_error":null,"model":"gpt-4o","instructions":"Be brief.","tools":[],"metadata":{},"usage":null,
         "temperature":1.0,"top_p":1.0,"max_prompt_tokens":1000,"max_completion_tokens":1000,
         "truncation_strategy":{"type":"auto","last_messages":null},"incomplete_details":null,"response_format":"auto",
         "tool_choice":"auto","parallel_tool_calls":true}
        """;

    public const string MessageJson =
        """
        {"id":"msg_abc123","object":"thread.message","created_at":1699017614,"assistant_id":null,"thread_id":"thread_abc123",
         "run_id":null,"role":"user","content":[{"type":"text","text":{"value":"Hi","annotations":[]}}],"attachments":[],"metadata":{}}
        """;

    public const string EmptyListJson = """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}""";

    /// <summary>An OpenAI error body, serialized (so the fields are exactly what the test passes).</summary>
    public static string ErrorJson(string message, string? type, string? code, string? param) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["error"] = new Dictionary<string, object?> { ["message"] = message, ["type"] = type, ["code"] = code, ["param"] = param },
        });

    /// <summary>Asserts every field of <see cref="AssistantJson"/> as parsed.</summary>
    public static void AssertAssistant(Assistant assistant)
    {
        Assert.Multiple(() =>
        {
            Assert.That(assistant.Id, Is.EqualTo("asst_abc123"));
            Assert.That(assistant.Object, Is.EqualTo("assistant"));
            Assert.That(assistant.CreatedAt, Is.EqualTo(1698984975));
            Assert.That(assistant.Name, Is.EqualTo("Math Tutor"));
            Assert.That(assistant.Description, Is.Null);
            Assert.That(assistant.Model, Is.EqualTo("gpt-4o"));
            Assert.That(assistant.Instructions, Is.EqualTo("You are a personal math tutor."));
            Assert.That(assistant.Tools, Has.Count.EqualTo(1));
            Assert.That(assistant.Tools[0], Is.InstanceOf<CodeInterpreterToolDefinition>());
            Assert.That(assistant.Metadata, Is.EquivalentTo(new Dictionary<string, string> { ["team"] = "edu" }));
            Assert.That(assistant.Temperature, Is.EqualTo(1.0));
            Assert.That(assistant.TopP, Is.EqualTo(1.0));
        });
    }

    /// <summary>Asserts the main fields of <see cref="RunJson"/> as parsed.</summary>
    public static void AssertRun(ThreadRun run)
    {
        Assert.Multiple(() =>
        {
            Assert.That(run.Id, Is.EqualTo("run_abc123"));
            Assert.That(run.Object, Is.EqualTo("thread.run"));
            Assert.That(run.CreatedAt, Is.EqualTo(1699063290));
            Assert.That(run.AssistantId, Is.EqualTo("asst_abc123"));
            Assert.That(run.ThreadId, Is.EqualTo("thread_abc123"));
            Assert.That(run.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(run.ExpiresAt, Is.EqualTo(1699063890));
            Assert.That(run.Model, Is.EqualTo("gpt-4o"));
            Assert.That(run.Instructions, Is.EqualTo("Be brief."));
            Assert.That(run.MaxPromptTokens, Is.EqualTo(1000));
            Assert.That(run.MaxCompletionTokens, Is.EqualTo(1000));
            Assert.That(run.ParallelToolCalls, Is.True);
        });
    }
}
