namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>The run-step bodies of <see cref="Payloads"/>.</summary>
public static partial class Payloads
{
    /// <summary>A completed message-creation step.</summary>
    public const string StepMessageCreation = """
        {
          "id": "step_msg1",
          "object": "thread.run.step",
          "created_at": 1699063291,
          "assistant_id": "asst_abc123",
          "thread_id": "thread_abc123",
          "run_id": "run_abc123",
          "type": "message_creation",
          "status": "completed",
          "step_details": { "type": "message_creation", "message_creation": { "message_id": "msg_abc123" } },
          "last_error": null,
          "expired_at": null,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": 1699063299,
          "metadata": { "k": "v" },
          "usage": { "prompt_tokens": 123, "completion_tokens": 456, "total_tokens": 579 }
        }
        """;

    /// <summary>A completed tool-calls step with one call of each kind; file search results with content (include[]).</summary>
    public const string StepToolCalls = """
        {
          "id": "step_tools1",
          "object": "thread.run.step",
          "created_at": 1699063292,
          "assistant_id": "asst_abc123",
          "thread_id": "thread_abc123",
          "run_id": "run_abc123",
          "type": "tool_calls",
          "status": "completed",
          "step_details": {
            "type": "tool_calls",
            "tool_calls": [
              {
                "id": "call_ci1",
                "type": "code_interpreter",
                "code_interpreter": {
                  "input": "print(6 * 7)",
                  "outputs": [
                    { "type": "logs", "logs": "42\n" },
                    { "type": "image", "image": { "file_id": "file-plot1" } }
                  ]
                }
              },
              {
                "id": "call_fs1",
                "type": "file_search",
                "file_search": {
                  "ranking_options": { "ranker": "default_2024_08_21", "score_threshold": 0.4 },
                  "results": [
                    {
                      "file_id": "file-doc1",
                      "file_name": "notes.pdf",
                      "score": 0.87,
                      "content": [ { "type": "text", "text": "Six times seven is forty-two." } ]
                    }
                  ]
                }
              },
              {
                "id": "call_fn1",
                "type": "function",
                "function": { "name": "get_weather", "arguments": "{\"city\":\"Paris\"}", "output": "{\"temp_c\":21}" }
              }
            ]
          },
          "last_error": null,
          "expired_at": null,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": 1699063298,
          "metadata": {},
          "usage": { "prompt_tokens": 200, "completion_tokens": 30, "total_tokens": 230 }
        }
        """;

    /// <summary>A failed step: last_error set, no usage.</summary>
    public const string StepFailed = """
        {
          "id": "step_fail1",
          "object": "thread.run.step",
          "created_at": 1699063300,
          "assistant_id": "asst_abc123",
          "thread_id": "thread_abc123",
          "run_id": "run_abc123",
          "type": "tool_calls",
          "status": "failed",
          "step_details": {
            "type": "tool_calls",
            "tool_calls": [
              { "id": "call_fn2", "type": "function", "function": { "name": "get_time", "arguments": "{}", "output": null } }
            ]
          },
          "last_error": { "code": "server_error", "message": "The tool call failed." },
          "expired_at": null,
          "cancelled_at": null,
          "failed_at": 1699063301,
          "completed_at": null,
          "metadata": null,
          "usage": null
        }
        """;

    /// <summary>A page of two run steps, the last page.</summary>
    public const string StepList = $$"""
        {
          "object": "list",
          "data": [ {{StepMessageCreation}}, {{StepFailed}} ],
          "first_id": "step_msg1",
          "last_id": "step_fail1",
          "has_more": false
        }
        """;
}
