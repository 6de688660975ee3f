using System.Text;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// Hand-written event data for run streams, from the spec's ThreadObject, RunObject, RunStepObject, RunStepDeltaObject,
/// MessageObject and MessageDeltaObject shapes, as one realistic run would send them: thread <c>thread_s1</c>, run <c>run_s1</c>,
/// a function call to <c>get_weather</c> in step <c>step_t1</c>, then the answer <c>msg_s1</c> created by step <c>step_m1</c>.
/// The tests repeat the expected values literally; they never read them from these strings.
/// </summary>
internal static class StreamPayloads
{
    public const string ThreadCreated =
        """{"id":"thread_s1","object":"thread","created_at":1710000000,"tool_resources":{},"metadata":{"topic":"weather"}}""";

    /// <summary>The run in a given status, with nothing finished yet.</summary>
    public static string Run(string status) =>
        """{"id":"run_s1","object":"thread.run","created_at":1710000001,"assistant_id":"asst_s1","thread_id":"thread_s1","status":"""
        + "\"" + status + "\"" +
        ""","started_at":1710000002,"expires_at":1710000601,"cancelled_at":null,"failed_at":null,"completed_at":null,"required_action":null,"last_error":null,"model":"gpt-4o","instructions":"Be brief.","tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}],"metadata":{},"usage":null,"temperature":1.0,"top_p":1.0,"max_prompt_tokens":null,"max_completion_tokens":null,"truncation_strategy":{"type":"auto","last_messages":null},"incomplete_details":null,"response_format":"auto","tool_choice":"auto","parallel_tool_calls":true}""";

    public const string RunRequiresAction =
        """{"id":"run_s1","object":"thread.run","created_at":1710000001,"assistant_id":"asst_s1","thread_id":"thread_s1","status":"requires_action","started_at":1710000002,"expires_at":1710000601,"cancelled_at":null,"failed_at":null,"completed_at":null,"required_action":{"type":"submit_tool_outputs","submit_tool_outputs":{"tool_calls":[{"id":"call_w1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}"}}]}},"last_error":null,"model":"gpt-4o","instructions":"Be brief.","tools":[],"metadata":{},"usage":null,"temperature":1.0,"top_p":1.0,"truncation_strategy":{"type":"auto","last_messages":null},"incomplete_details":null,"response_format":"auto","tool_choice":"auto","parallel_tool_calls":true}""";

    public const string RunCompleted =
        """{"id":"run_s1","object":"thread.run","created_at":1710000001,"assistant_id":"asst_s1","thread_id":"thread_s1","status":"completed","started_at":1710000002,"expires_at":null,"cancelled_at":null,"failed_at":null,"completed_at":1710000009,"required_action":null,"last_error":null,"model":"gpt-4o","instructions":"Be brief.","tools":[],"metadata":{},"usage":{"prompt_tokens":120,"completion_tokens":30,"total_tokens":150},"temperature":1.0,"top_p":1.0,"truncation_strategy":{"type":"auto","last_messages":null},"incomplete_details":null,"response_format":"auto","tool_choice":"auto","parallel_tool_calls":true}""";

    /// <summary>The tool-call step in a given status, with no tool call yet.</summary>
    public static string ToolStep(string status) =>
        """{"id":"step_t1","object":"thread.run.step","created_at":1710000002,"run_id":"run_s1","assistant_id":"asst_s1","thread_id":"thread_s1","type":"tool_calls","status":"""
        + "\"" + status + "\"" +
        ""","cancelled_at":null,"completed_at":null,"expires_at":1710000601,"failed_at":null,"last_error":null,"step_details":{"type":"tool_calls","tool_calls":[]},"usage":null}""";

    public const string ToolStepDeltaName =
        """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"id":"call_w1","type":"function","function":{"name":"get_weather","arguments":"","output":null}}]}}}""";

    public const string ToolStepDeltaArguments1 =
        """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"function","function":{"arguments":"{\"city\":"}}]}}}""";

    public const string ToolStepDeltaArguments2 =
        """{"id":"step_t1","object":"thread.run.step.delta","delta":{"step_details":{"type":"tool_calls","tool_calls":[{"index":0,"type":"function","function":{"arguments":"\"Paris\"}"}}]}}}""";

    public const string ToolStepCompletedWithOutput =
        """{"id":"step_t1","object":"thread.run.step","created_at":1710000002,"run_id":"run_s1","assistant_id":"asst_s1","thread_id":"thread_s1","type":"tool_calls","status":"completed","cancelled_at":null,"completed_at":1710000005,"expires_at":null,"failed_at":null,"last_error":null,"step_details":{"type":"tool_calls","tool_calls":[{"id":"call_w1","type":"function","function":{"name":"get_weather","arguments":"{\"city\":\"Paris\"}","output":"18C, sunny"}}]},"usage":{"prompt_tokens":80,"completion_tokens":12,"total_tokens":92}}""";

    /// <summary>The message-creation step in a given status.</summary>
    public static string MessageStep(string status) =>
        """{"id":"step_m1","object":"thread.run.step","created_at":1710000006,"run_id":"run_s1","assistant_id":"asst_s1","thread_id":"thread_s1","type":"message_creation","status":"""
        + "\"" + status + "\"" +
        ""","cancelled_at":null,"completed_at":null,"expires_at":1710000601,"failed_at":null,"last_error":null,"step_details":{"type":"message_creation","message_creation":{"message_id":"msg_s1"}},"usage":null}""";

    /// <summary>The assistant's answer in a given status, with no content yet.</summary>
    public static string Message(string status) =>
        """{"id":"msg_s1","object":"thread.message","created_at":1710000006,"assistant_id":"asst_s1","thread_id":"thread_s1","run_id":"run_s1","status":"""
        + "\"" + status + "\"" +
        ""","incomplete_details":null,"incomplete_at":null,"completed_at":null,"role":"assistant","content":[],"attachments":[],"metadata":{}}""";

    public const string MessageDelta1 =
        """{"id":"msg_s1","object":"thread.message.delta","delta":{"role":"assistant","content":[{"index":0,"type":"text","text":{"value":"It is 18C","annotations":[]}}]}}""";

    public const string MessageDelta2 =
        """{"id":"msg_s1","object":"thread.message.delta","delta":{"content":[{"index":0,"type":"text","text":{"value":" in Paris [1].","annotations":[{"index":0,"type":"file_citation","text":"[1]","start_index":19,"end_index":22,"file_citation":{"file_id":"file-w1"}}]}}]}}""";

    public const string MessageCompleted =
        """{"id":"msg_s1","object":"thread.message","created_at":1710000006,"assistant_id":"asst_s1","thread_id":"thread_s1","run_id":"run_s1","status":"completed","incomplete_details":null,"incomplete_at":null,"completed_at":1710000008,"role":"assistant","content":[{"type":"text","text":{"value":"It is 18C in Paris [1].","annotations":[{"type":"file_citation","text":"[1]","start_index":19,"end_index":22,"file_citation":{"file_id":"file-w1"}}]}}],"attachments":[],"metadata":{}}""";

    /// <summary>An SSE body: each event as <c>event:</c> and <c>data:</c> lines and a blank line.</summary>
    public static string Sse(params (string Name, string Data)[] events)
    {
        var body = new StringBuilder();
        foreach ((string name, string data) in events)
        {
            body.Append("event: ").Append(name).Append('\n');
            foreach (string line in data.Split('\n'))
            {
                body.Append("data: ").Append(line).Append('\n');
            }

            body.Append('\n');
        }

        return body.ToString();
    }

    /// <summary>The <c>done</c> event.</summary>
    public static (string Name, string Data) Done => ("done", "[DONE]");
}
