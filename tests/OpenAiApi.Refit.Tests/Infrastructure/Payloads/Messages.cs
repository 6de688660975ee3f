namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>The message bodies of <see cref="Payloads"/>.</summary>
public static partial class Payloads
{
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
}
