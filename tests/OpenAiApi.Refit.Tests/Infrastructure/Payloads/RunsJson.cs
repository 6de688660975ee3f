using System.Text.Json;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>Hand-written payloads in the spec's shapes (RunObject, MessageObject, AssistantObject, RunStepObject, list responses).</summary>
internal static class RunsJson
{
    public const string ThreadId = "thread_abc";
    public const string RunId = "run_abc";

    /// <summary>The path of the run <see cref="RunId"/> of <see cref="ThreadId"/>.</summary>
    public const string RunPath = "/v1/threads/" + ThreadId + "/runs/" + RunId;

    /// <summary>A run in <paramref name="status"/>; <paramref name="toolCalls"/> (name, arguments JSON, id) fill required_action.</summary>
    public static string Run(string status, string runId = RunId, string threadId = ThreadId, params (string Id, string Name, string Arguments)[] toolCalls)
    {
        string requiredAction = toolCalls.Length == 0
            ? "null"
            : "{\"type\":\"submit_tool_outputs\",\"submit_tool_outputs\":{\"tool_calls\":[" +
              string.Join(",", toolCalls.Select(c =>
                  $"{{\"id\":\"{c.Id}\",\"type\":\"function\",\"function\":{{\"name\":\"{c.Name}\",\"arguments\":{JsonSerializer.Serialize(c.Arguments)}}}}}")) +
              "]}}";
        string completedAt = status == "completed" ? "1700000050" : "null";
        string usage = status == "completed" ? "{\"completion_tokens\":12,\"prompt_tokens\":34,\"total_tokens\":46}" : "null";
        return $$$"""
            {"id":"{{{runId}}}","object":"thread.run","created_at":1700000000,"thread_id":"{{{threadId}}}","assistant_id":"asst_abc",
             "status":"{{{status}}}","required_action":{{{requiredAction}}},"last_error":null,"expires_at":1700000600,
             "started_at":1700000001,"cancelled_at":null,"failed_at":null,"completed_at":{{{completedAt}}},"incomplete_details":null,
             "model":"gpt-4o","instructions":"You are a weather bot.","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{} } } } ],
             "metadata":{"k":"v"},"usage":{{{usage}}},"temperature":1.0,"top_p":1.0,"max_prompt_tokens":null,"max_completion_tokens":null,
             "truncation_strategy":{"type":"auto","last_messages":null},"tool_choice":"auto","parallel_tool_calls":true,"response_format":"auto"}
            """;
    }

    public static string Message(string id, string text, string runId = RunId, string threadId = ThreadId, long createdAt = 1700000010) => $$$"""
        {"id":"{{{id}}}","object":"thread.message","created_at":{{{createdAt}}},"thread_id":"{{{threadId}}}","status":"completed","incomplete_details":null,
         "completed_at":{{{createdAt + 1}}},"incomplete_at":null,"role":"assistant","content":[{"type":"text","text":{"value":"{{{text}}}","annotations":[]}}],
         "assistant_id":"asst_abc","run_id":"{{{runId}}}","attachments":[],"metadata":{}}
        """;

    public static string Assistant(string id, string name) => $$$"""
        {"id":"{{{id}}}","object":"assistant","created_at":1700000000,"name":"{{{name}}}","description":null,"model":"gpt-4o",
         "instructions":"Be brief.","tools":[],"metadata":{},"top_p":1.0,"temperature":1.0,"response_format":"auto"}
        """;

    public static string RunStep(string id, string messageId, string runId = RunId, string threadId = ThreadId) => $$$"""
        {"id":"{{{id}}}","object":"thread.run.step","created_at":1700000020,"assistant_id":"asst_abc","thread_id":"{{{threadId}}}","run_id":"{{{runId}}}",
         "type":"message_creation","status":"completed","step_details":{"type":"message_creation","message_creation":{"message_id":"{{{messageId}}}"}},
         "last_error":null,"expired_at":null,"cancelled_at":null,"failed_at":null,"completed_at":1700000021,"metadata":{},"usage":null}
        """;

    public static string Page(IEnumerable<string> items, string? firstId, string? lastId, bool hasMore) =>
        $"{{\"object\":\"list\",\"data\":[{string.Join(",", items)}],\"first_id\":{Quote(firstId)},\"last_id\":{Quote(lastId)},\"has_more\":{(hasMore ? "true" : "false")}}}";

    private static string Quote(string? value) => value is null ? "null" : JsonSerializer.Serialize(value);
}
