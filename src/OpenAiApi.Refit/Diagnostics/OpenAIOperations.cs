using System.Collections.Frozen;

namespace OpenAiApi.Refit.Diagnostics;

/// <summary>Names the operation of a request from its method and Refit route template: the GenAI conventions' well-known
/// <c>gen_ai.operation.name</c> where one applies (<c>create_agent</c> for create-assistant, <c>invoke_agent</c> for the two calls that
/// start a run), else the spec's operationId in snake case.</summary>
internal static class OpenAIOperations
{
    /// <summary>The name used for a request that did not come through the Refit interfaces.</summary>
    public const string Unknown = "assistants_request";

    private static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["GET /assistants"] = "list_assistants",
        ["POST /assistants"] = "create_agent",
        ["GET /assistants/{assistantId}"] = "get_assistant",
        ["POST /assistants/{assistantId}"] = "modify_assistant",
        ["DELETE /assistants/{assistantId}"] = "delete_assistant",
        ["POST /threads"] = "create_thread",
        ["POST /threads/runs"] = OpenAITelemetry.InvokeAgentOperation,
        ["GET /threads/{threadId}"] = "get_thread",
        ["POST /threads/{threadId}"] = "modify_thread",
        ["DELETE /threads/{threadId}"] = "delete_thread",
        ["GET /threads/{threadId}/messages"] = "list_messages",
        ["POST /threads/{threadId}/messages"] = "create_message",
        ["GET /threads/{threadId}/messages/{messageId}"] = "get_message",
        ["POST /threads/{threadId}/messages/{messageId}"] = "modify_message",
        ["DELETE /threads/{threadId}/messages/{messageId}"] = "delete_message",
        ["GET /threads/{threadId}/runs"] = "list_runs",
        ["POST /threads/{threadId}/runs"] = OpenAITelemetry.InvokeAgentOperation,
        ["GET /threads/{threadId}/runs/{runId}"] = "get_run",
        ["POST /threads/{threadId}/runs/{runId}"] = "modify_run",
        ["POST /threads/{threadId}/runs/{runId}/cancel"] = "cancel_run",
        ["POST /threads/{threadId}/runs/{runId}/submit_tool_outputs"] = "submit_tool_outputs_to_run",
        ["GET /threads/{threadId}/runs/{runId}/steps"] = "list_run_steps",
        ["GET /threads/{threadId}/runs/{runId}/steps/{stepId}"] = "get_run_step",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Gets the operation name of <paramref name="method"/> <paramref name="routeTemplate"/>.</summary>
    public static string NameOf(string method, string? routeTemplate) =>
        routeTemplate is not null && Names.TryGetValue(string.Concat(method, " ", routeTemplate), out string? name) ? name : Unknown;
}
