using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>
/// The emulator's JSON settings: the library's snake_case, nulls-omitted conventions, read and written with reflection-based
/// metadata (the library's converters are internal, so a source-generated context in this assembly cannot name them), plus a
/// modifier that always writes the fields the spec marks required but nullable (<c>"run_id": null</c>), as a real server does.
/// </summary>
internal static class EmulatorJson
{
    private static readonly Dictionary<Type, HashSet<string>> RequiredNullable = new()
    {
        [typeof(Assistant)] = ["name", "description", "instructions", "metadata", "response_format", "temperature", "top_p", "reasoning_effort", "tool_resources"],
        [typeof(AssistantThread)] = ["tool_resources", "metadata"],
        [typeof(ThreadMessage)] = ["incomplete_details", "completed_at", "incomplete_at", "assistant_id", "run_id", "attachments", "metadata"],
        [typeof(ThreadRun)] =
        [
            "required_action", "last_error", "expires_at", "started_at", "cancelled_at", "failed_at", "completed_at", "incomplete_details",
            "instructions", "metadata", "usage", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
            "parallel_tool_calls", "response_format", "temperature", "top_p", "reasoning_effort", "tool_resources",
        ],
        // The real service's steps (REST and streamed) never carried the spec's expired_at or metadata.
        [typeof(RunStep)] = ["last_error", "expires_at", "cancelled_at", "failed_at", "completed_at", "usage"],
        [typeof(FunctionToolCallDetails)] = ["output"],
        [typeof(CursorPage<Assistant>)] = ["first_id", "last_id"],
        [typeof(CursorPage<ThreadMessage>)] = ["first_id", "last_id"],
        [typeof(CursorPage<ThreadRun>)] = ["first_id", "last_id"],
        [typeof(CursorPage<RunStep>)] = ["first_id", "last_id"],
        [typeof(RunTruncationStrategy)] = ["last_messages"],
    };

    /// <summary>Gets the shared, read-only serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Serializes a value with its runtime type.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The compact JSON text.</returns>
    public static string Serialize(object value) => JsonSerializer.Serialize(value, value.GetType(), Options);

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(AlwaysWriteRequiredNullableFields);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            NumberHandling = JsonNumberHandling.Strict,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 64,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void AlwaysWriteRequiredNullableFields(JsonTypeInfo typeInfo)
    {
        if (!RequiredNullable.TryGetValue(typeInfo.Type, out HashSet<string>? names))
        {
            return;
        }

        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (names.Contains(property.Name))
            {
                property.ShouldSerialize = static (_, _) => true;
            }
        }
    }
}
