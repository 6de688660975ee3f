namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>The thread bodies of <see cref="Payloads"/>.</summary>
public static partial class Payloads
{
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
}
