namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// Hand-written response bodies, one or more per resource, from the shapes of the spec (<c>spec/assistants-openapi.yaml</c>)
/// with realistic values. The expected values are repeated literally in the tests' assertions: never derive them from these strings.
/// </summary>
public static class Payloads
{
    /// <summary>An assistant with every field set: all three tool kinds, both tool resources, a json_schema response format.</summary>
    public const string Assistant = """
        {
          "id": "asst_abc123",
          "object": "assistant",
          "created_at": 1698984975,
          "name": "Math Tutor",
          "description": "Answers maths questions step by step.",
          "model": "gpt-4o",
          "instructions": "You are a personal math tutor.",
          "tools": [
            { "type": "code_interpreter" },
            {
              "type": "file_search",
              "file_search": {
                "max_num_results": 8,
                "ranking_options": { "ranker": "default_2024_08_21", "score_threshold": 0.55 }
              }
            },
            {
              "type": "function",
              "function": {
                "name": "get_weather",
                "description": "Gets the current weather for a city.",
                "parameters": {
                  "type": "object",
                  "properties": { "city": { "type": "string" } },
                  "required": [ "city" ]
                },
                "strict": true
              }
            }
          ],
          "tool_resources": {
            "code_interpreter": { "file_ids": [ "file-ci1", "file-ci2" ] },
            "file_search": { "vector_store_ids": [ "vs_abc" ] }
          },
          "metadata": { "team": "edu", "tier": "gold" },
          "temperature": 0.7,
          "top_p": 0.9,
          "response_format": {
            "type": "json_schema",
            "json_schema": {
              "name": "answer",
              "description": "The final answer.",
              "schema": { "type": "object", "properties": { "value": { "type": "number" } } },
              "strict": true
            }
          }
        }
        """;

    /// <summary>A bare assistant: nullable fields null, no tools, the string form of response_format.</summary>
    public const string AssistantMinimal = """
        {
          "id": "asst_def456",
          "object": "assistant",
          "created_at": 1698984980,
          "name": null,
          "description": null,
          "model": "gpt-4o-mini",
          "instructions": null,
          "tools": [],
          "tool_resources": {},
          "metadata": {},
          "temperature": 1.0,
          "top_p": 1.0,
          "response_format": "auto"
        }
        """;

    /// <summary>A page of two assistants with more to come.</summary>
    public const string AssistantList = $$"""
        {
          "object": "list",
          "data": [ {{Assistant}}, {{AssistantMinimal}} ],
          "first_id": "asst_abc123",
          "last_id": "asst_def456",
          "has_more": true
        }
        """;

    /// <summary>The answer to deleting an assistant.</summary>
    public const string AssistantDeleted = """{ "id": "asst_abc123", "object": "assistant.deleted", "deleted": true }""";

    /// <summary>A thread with both tool resources and metadata.</summary>
    public const string Thread = """
        {
          "id": "thread_abc123",
          "object": "thread",
          "created_at": 1699012949,
          "tool_resources": {
            "code_interpreter": { "file_ids": [ "file-ci1" ] },
            "file_search": { "vector_store_ids": [ "vs_thread1" ] }
          },
          "metadata": { "topic": "fractions" }
        }
        """;

    /// <summary>The answer to deleting a thread.</summary>
    public const string ThreadDeleted = """{ "id": "thread_abc123", "object": "thread.deleted", "deleted": true }""";

    /// <summary>A completed assistant message with every content kind and both annotation kinds.</summary>
    public const string AssistantMessage = """
        {
          "id": "msg_abc123",
          "object": "thread.message",
          "created_at": 1699017614,
          "thread_id": "thread_abc123",
          "status": "completed",
          "incomplete_details": null,
          "completed_at": 1699017620,
          "incomplete_at": null,
          "role": "assistant",
          "content": [
            {
              "type": "text",
              "text": {
                "value": "The answer is 42 【4:0†notes.pdf】. Table: sandbox:/mnt/data/out.csv",
                "annotations": [
                  {
                    "type": "file_citation",
                    "text": "【4:0†notes.pdf】",
                    "start_index": 17,
                    "end_index": 32,
                    "file_citation": { "file_id": "file-cite1" }
                  },
                  {
                    "type": "file_path",
                    "text": "sandbox:/mnt/data/out.csv",
                    "start_index": 41,
                    "end_index": 66,
                    "file_path": { "file_id": "file-out1" }
                  }
                ]
              }
            },
            { "type": "image_file", "image_file": { "file_id": "file-img1", "detail": "high" } },
            { "type": "image_url", "image_url": { "url": "https://example.com/chart.png", "detail": "low" } },
            { "type": "refusal", "refusal": "I can't share the raw data." }
          ],
          "assistant_id": "asst_abc123",
          "run_id": "run_abc123",
          "attachments": [
            { "file_id": "file-att1", "tools": [ { "type": "code_interpreter" }, { "type": "file_search" } ] }
          ],
          "metadata": { "lang": "en" }
        }
        """;

    /// <summary>A message a user created through the API: plain text, no run, one attachment.</summary>
    public const string UserMessage = """
        {
          "id": "msg_user1",
          "object": "thread.message",
          "created_at": 1699017600,
          "thread_id": "thread_abc123",
          "status": "completed",
          "incomplete_details": null,
          "completed_at": 1699017600,
          "incomplete_at": null,
          "role": "user",
          "content": [ { "type": "text", "text": { "value": "What is 6 times 7?", "annotations": [] } } ],
          "assistant_id": null,
          "run_id": null,
          "attachments": [ { "file_id": "file-att2", "tools": [ { "type": "file_search" } ] } ],
          "metadata": { "source": "web" }
        }
        """;

    /// <summary>An assistant message cut short by the token limit.</summary>
    public const string IncompleteMessage = """
        {
          "id": "msg_cut1",
          "object": "thread.message",
          "created_at": 1699017700,
          "thread_id": "thread_abc123",
          "status": "incomplete",
          "incomplete_details": { "reason": "max_tokens" },
          "completed_at": null,
          "incomplete_at": 1699017710,
          "role": "assistant",
          "content": [ { "type": "text", "text": { "value": "The first step is", "annotations": [] } } ],
          "assistant_id": "asst_abc123",
          "run_id": "run_abc123",
          "attachments": [],
          "metadata": {}
        }
        """;

    /// <summary>A page of two messages, the last page.</summary>
    public const string MessageList = $$"""
        {
          "object": "list",
          "data": [ {{AssistantMessage}}, {{IncompleteMessage}} ],
          "first_id": "msg_abc123",
          "last_id": "msg_cut1",
          "has_more": false
        }
        """;

    /// <summary>The answer to deleting a message.</summary>
    public const string MessageDeleted = """{ "id": "msg_abc123", "object": "thread.message.deleted", "deleted": true }""";

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
