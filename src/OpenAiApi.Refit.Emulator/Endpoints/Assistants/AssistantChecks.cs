using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using static OpenAiApi.Refit.Emulator.Endpoints.CommonChecks;

namespace OpenAiApi.Refit.Emulator.Endpoints.Assistants;

/// <summary>The request checks of createAssistant and modifyAssistant (the shared ones are <see cref="CommonChecks"/>).</summary>
internal static class AssistantChecks
{
    private static readonly string[] AssistantKeys =
        ["model", "name", "description", "instructions", "reasoning_effort", "tools", "tool_resources", "metadata", "temperature", "top_p", "response_format"];

    public static void Create(JsonElement body)
    {
        KnownFields(body, string.Empty, AssistantKeys);
        JsonChecks.RequiredString(body, "model", string.Empty, 256, minLength: 1);
        AssistantFields(body);
    }

    public static void Modify(JsonElement body)
    {
        KnownFields(body, string.Empty, AssistantKeys);
        JsonChecks.OptionalString(body, "model", string.Empty, 256, minLength: 1);
        AssistantFields(body);
    }

    private static void AssistantFields(JsonElement body)
    {
        JsonChecks.OptionalString(body, "name", string.Empty, 256);
        JsonChecks.OptionalString(body, "description", string.Empty, 512);
        JsonChecks.OptionalString(body, "instructions", string.Empty, 256_000);
        JsonChecks.OptionalString(body, "reasoning_effort", string.Empty);
        Tools(body, string.Empty, 128);
        ToolResources(body, string.Empty);
        Metadata(body, string.Empty);
        JsonChecks.OptionalNumber(body, "temperature", string.Empty, 0, 2);
        JsonChecks.OptionalNumber(body, "top_p", string.Empty, 0, 1);
        ResponseFormat(body);
    }
}
