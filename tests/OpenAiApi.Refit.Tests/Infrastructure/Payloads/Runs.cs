namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>The run bodies of <see cref="Payloads"/>.</summary>
public static partial class Payloads
{
    /// <summary>A run just created: queued, nothing started.</summary>
    public const string RunQueued = """
        {
          "id": "run_abc123",
          "object": "thread.run",
          "created_at": 1699063290,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "queued",
          "required_action": null,
          "last_error": null,
          "expires_at": 1699063890,
          "started_at": null,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": null,
          "incomplete_details": null,
          "model": "gpt-4o",
          "instructions": "You are a personal math tutor.",
          "tools": [ { "type": "code_interpreter" } ],
          "metadata": { "session": "s-1" },
          "usage": null,
          "temperature": 0.7,
          "top_p": 0.9,
          "max_prompt_tokens": 2000,
          "max_completion_tokens": 1000,
          "truncation_strategy": { "type": "auto", "last_messages": null },
          "tool_choice": "auto",
          "parallel_tool_calls": true,
          "response_format": "auto"
        }
        """;

    /// <summary>A run waiting for the outputs of two function calls.</summary>
    public const string RunRequiresAction = """
        {
          "id": "run_abc123",
          "object": "thread.run",
          "created_at": 1699075072,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "requires_action",
          "required_action": {
            "type": "submit_tool_outputs",
            "submit_tool_outputs": {
              "tool_calls": [
                { "id": "call_001", "type": "function", "function": { "name": "get_weather", "arguments": "{\"city\":\"Paris\"}" } },
                { "id": "call_002", "type": "function", "function": { "name": "get_time", "arguments": "{\"tz\":\"CET\"}" } }
              ]
            }
          },
          "last_error": null,
          "expires_at": 1699075672,
          "started_at": 1699075073,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": null,
          "incomplete_details": null,
          "model": "gpt-4o",
          "instructions": "You are a weather bot.",
          "tools": [
            {
              "type": "function",
              "function": {
                "name": "get_weather",
                "description": "Gets the current weather for a city.",
                "parameters": { "type": "object", "properties": { "city": { "type": "string" } }, "required": [ "city" ] }
              }
            },
            { "type": "file_search", "file_search": { "max_num_results": 5 } }
          ],
          "metadata": { "user": "u-42" },
          "usage": null,
          "temperature": 0.5,
          "top_p": 0.8,
          "max_prompt_tokens": 4000,
          "max_completion_tokens": 800,
          "truncation_strategy": { "type": "last_messages", "last_messages": 10 },
          "tool_choice": { "type": "function", "function": { "name": "get_weather" } },
          "parallel_tool_calls": true,
          "response_format": { "type": "json_object" }
        }
        """;

    /// <summary>A completed run with usage.</summary>
    public const string RunCompleted = """
        {
          "id": "run_abc123",
          "object": "thread.run",
          "created_at": 1699063290,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "completed",
          "required_action": null,
          "last_error": null,
          "expires_at": null,
          "started_at": 1699063291,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": 1699063299,
          "incomplete_details": null,
          "model": "gpt-4o",
          "instructions": "You are a personal math tutor.",
          "tools": [],
          "metadata": { "reviewed": "yes" },
          "usage": { "prompt_tokens": 120, "completion_tokens": 45, "total_tokens": 165 },
          "temperature": 1.0,
          "top_p": 1.0,
          "max_prompt_tokens": null,
          "max_completion_tokens": null,
          "truncation_strategy": { "type": "auto", "last_messages": null },
          "tool_choice": "none",
          "parallel_tool_calls": false,
          "response_format": { "type": "text" }
        }
        """;

    /// <summary>A run that failed on a rate limit.</summary>
    public const string RunFailed = """
        {
          "id": "run_fail1",
          "object": "thread.run",
          "created_at": 1699060000,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "failed",
          "required_action": null,
          "last_error": { "code": "rate_limit_exceeded", "message": "You exceeded your current quota." },
          "expires_at": null,
          "started_at": 1699060001,
          "cancelled_at": null,
          "failed_at": 1699060005,
          "completed_at": null,
          "incomplete_details": null,
          "model": "gpt-4o",
          "instructions": "Be brief.",
          "tools": [],
          "metadata": {},
          "usage": { "prompt_tokens": 10, "completion_tokens": 0, "total_tokens": 10 },
          "temperature": 1.0,
          "top_p": 1.0,
          "max_prompt_tokens": null,
          "max_completion_tokens": null,
          "truncation_strategy": { "type": "auto", "last_messages": null },
          "tool_choice": "auto",
          "parallel_tool_calls": true,
          "response_format": "auto"
        }
        """;

    /// <summary>A run that stopped on the completion token limit.</summary>
    public const string RunIncomplete = """
        {
          "id": "run_cut1",
          "object": "thread.run",
          "created_at": 1699050000,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "incomplete",
          "required_action": null,
          "last_error": null,
          "expires_at": null,
          "started_at": 1699050001,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": 1699050030,
          "incomplete_details": { "reason": "max_completion_tokens" },
          "model": "gpt-4o-mini",
          "instructions": "Explain in detail.",
          "tools": [],
          "metadata": {},
          "usage": { "prompt_tokens": 300, "completion_tokens": 256, "total_tokens": 556 },
          "temperature": 1.0,
          "top_p": 1.0,
          "max_prompt_tokens": 1000,
          "max_completion_tokens": 256,
          "truncation_strategy": { "type": "last_messages", "last_messages": 4 },
          "tool_choice": "required",
          "parallel_tool_calls": false,
          "response_format": "auto"
        }
        """;

    /// <summary>A run being cancelled.</summary>
    public const string RunCancelling = """
        {
          "id": "run_abc123",
          "object": "thread.run",
          "created_at": 1699063290,
          "thread_id": "thread_abc123",
          "assistant_id": "asst_abc123",
          "status": "cancelling",
          "required_action": null,
          "last_error": null,
          "expires_at": 1699063890,
          "started_at": 1699063291,
          "cancelled_at": null,
          "failed_at": null,
          "completed_at": null,
          "incomplete_details": null,
          "model": "gpt-4o",
          "instructions": "You are a personal math tutor.",
          "tools": [ { "type": "code_interpreter" } ],
          "metadata": {},
          "usage": null,
          "temperature": 0.7,
          "top_p": 0.9,
          "max_prompt_tokens": null,
          "max_completion_tokens": null,
          "truncation_strategy": { "type": "auto", "last_messages": null },
          "tool_choice": "auto",
          "parallel_tool_calls": true,
          "response_format": "auto"
        }
        """;

    /// <summary>A page of two runs, with more to come.</summary>
    public const string RunList = $$"""
        {
          "object": "list",
          "data": [ {{RunFailed}}, {{RunIncomplete}} ],
          "first_id": "run_fail1",
          "last_id": "run_cut1",
          "has_more": true
        }
        """;
}
