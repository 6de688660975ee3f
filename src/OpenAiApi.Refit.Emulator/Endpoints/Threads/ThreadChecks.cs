using System.Text.Json;
using OpenAiApi.Refit.Emulator.Endpoints.Messages;
using OpenAiApi.Refit.Emulator.Endpoints.Runs;
using OpenAiApi.Refit.Emulator.Http;
using static OpenAiApi.Refit.Emulator.Endpoints.CommonChecks;

namespace OpenAiApi.Refit.Emulator.Endpoints.Threads;

/// <summary>The request checks of createThread, modifyThread and createThreadAndRun (the shared ones are
/// <see cref="CommonChecks"/>).</summary>
internal static class ThreadChecks
{
    private static readonly string[] ThreadKeys = ["messages", "tool_resources", "metadata"];
    private static readonly string[] ThreadModificationKeys = ["tool_resources", "metadata"];

    private static readonly string[] ThreadAndRunKeys =
    [
        "assistant_id", "thread", "model", "reasoning_effort", "instructions", "tools", "tool_resources", "metadata", "temperature", "top_p",
        "stream", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice", "parallel_tool_calls", "response_format",
    ];

    /// <summary>Checks a createThread body, or the <c>thread</c> of a createThreadAndRun body.</summary>
    /// <param name="body">The body.</param>
    /// <param name="prefix">The parameter path of the thread object, ending in a dot, or empty.</param>
    public static void Create(JsonElement body, string prefix = "")
    {
        KnownFields(body, prefix, ThreadKeys);
        if (JsonChecks.OptionalArray(body, "messages", prefix) is JsonElement messages)
        {
            int index = 0;
            foreach (JsonElement message in messages.EnumerateArray())
            {
                MessageChecks.Create(message, $"{prefix}messages[{index++}]");
            }
        }

        ToolResources(body, prefix);
        Metadata(body, prefix);
    }

    public static void Modify(JsonElement body)
    {
        KnownFields(body, string.Empty, ThreadModificationKeys);
        ToolResources(body, string.Empty);
        Metadata(body, string.Empty);
    }

    public static void CreateThreadAndRun(JsonElement body)
    {
        KnownFields(body, string.Empty, ThreadAndRunKeys);
        Ids.Check(JsonChecks.RequiredString(body, "assistant_id", string.Empty), "assistant_id");
        if (JsonChecks.OptionalObject(body, "thread", string.Empty) is JsonElement thread)
        {
            Create(thread, "thread.");
        }

        ToolResources(body, string.Empty);
        RunChecks.RunFields(body);
    }
}
