namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// Hand-written response bodies, one or more per resource, from the shapes of the spec (<c>spec/assistants-openapi.yaml</c>)
/// with realistic values. The expected values are repeated literally in the tests' assertions: never derive them from these strings.
/// </summary>
public static partial class Payloads
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
}
