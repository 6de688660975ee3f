using System.Text.Json;
using OpenAiApi.Refit.Emulator.Endpoints.Messages;
using OpenAiApi.Refit.Emulator.Http;
using static OpenAiApi.Refit.Emulator.Endpoints.CommonChecks;

namespace OpenAiApi.Refit.Emulator.Endpoints.Runs;

/// <summary>The request checks of createRun and submitToolOutputsToRun, and the run settings createThreadAndRun shares (the
/// shared ones are <see cref="CommonChecks"/>).</summary>
internal static class RunChecks
{
    private static readonly string[] ToolChoiceModes = ["none", "auto", "required"];
    private static readonly string[] ToolOutputsKeys = ["tool_outputs", "stream"];

    private static readonly string[] RunKeys =
    [
        "assistant_id", "model", "reasoning_effort", "instructions", "additional_instructions", "additional_messages", "tools", "metadata",
        "temperature", "top_p", "stream", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
        "parallel_tool_calls", "response_format",
    ];

    public static void Create(JsonElement body)
    {
        KnownFields(body, string.Empty, RunKeys);
        Ids.Check(JsonChecks.RequiredString(body, "assistant_id", string.Empty), "assistant_id");
        JsonChecks.OptionalString(body, "additional_instructions", string.Empty, 256_000);
        if (JsonChecks.OptionalArray(body, "additional_messages", string.Empty) is JsonElement messages)
        {
            int index = 0;
            foreach (JsonElement message in messages.EnumerateArray())
            {
                MessageChecks.Create(message, $"additional_messages[{index++}]");
            }
        }

        RunFields(body);
    }

    public static void SubmitToolOutputs(JsonElement body)
    {
        KnownFields(body, string.Empty, ToolOutputsKeys);
        if (!JsonChecks.TryGet(body, "tool_outputs", out JsonElement outputs))
        {
            throw ApiErrors.MissingParameter("tool_outputs");
        }

        JsonChecks.ArrayValue(outputs, "tool_outputs");
        int index = 0;
        foreach (JsonElement output in outputs.EnumerateArray())
        {
            string prefix = $"tool_outputs[{index++}]";
            if (output.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.InvalidType(prefix, "an object", output);
            }

            JsonChecks.RequiredString(output, "tool_call_id", prefix + ".", minLength: 1);
            JsonChecks.OptionalString(output, "output", prefix + ".");
        }

        JsonChecks.OptionalBoolean(body, "stream", string.Empty);
    }

    /// <summary>The run settings of createRun and createThreadAndRun.</summary>
    /// <param name="body">The body.</param>
    public static void RunFields(JsonElement body)
    {
        JsonChecks.OptionalString(body, "model", string.Empty, 256, minLength: 1);
        JsonChecks.OptionalString(body, "instructions", string.Empty, 256_000);
        JsonChecks.OptionalString(body, "reasoning_effort", string.Empty);
        Tools(body, string.Empty, 20);
        Metadata(body, string.Empty);
        JsonChecks.OptionalNumber(body, "temperature", string.Empty, 0, 2);
        JsonChecks.OptionalNumber(body, "top_p", string.Empty, 0, 1);
        JsonChecks.OptionalBoolean(body, "stream", string.Empty);
        // The spec says "minimum 256"; the real service accepted smaller limits (max_completion_tokens: 16 ended the run incomplete).
        JsonChecks.OptionalInteger(body, "max_prompt_tokens", string.Empty, 1);
        JsonChecks.OptionalInteger(body, "max_completion_tokens", string.Empty, 1);
        JsonChecks.OptionalBoolean(body, "parallel_tool_calls", string.Empty);
        if (JsonChecks.OptionalObject(body, "truncation_strategy", string.Empty) is JsonElement truncation)
        {
            JsonChecks.RequiredEnum(truncation, "type", "truncation_strategy.", "auto", "last_messages");
            JsonChecks.OptionalInteger(truncation, "last_messages", "truncation_strategy.", 1);
        }

        ToolChoice(body);
        ResponseFormat(body);
    }

    private static void ToolChoice(JsonElement body)
    {
        if (!JsonChecks.TryGet(body, "tool_choice", out JsonElement choice))
        {
            return;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            JsonChecks.OptionalEnum(body, "tool_choice", string.Empty, ToolChoiceModes);
            return;
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType("tool_choice", "a string or an object", choice);
        }

        string type = JsonChecks.RequiredEnum(choice, "type", "tool_choice.", ToolTypes);
        if (type == "function")
        {
            if (JsonChecks.OptionalObject(choice, "function", "tool_choice.") is not JsonElement function)
            {
                throw ApiErrors.MissingParameter("tool_choice.function");
            }

            JsonChecks.RequiredString(function, "name", "tool_choice.function.", minLength: 1);
        }
    }
}
