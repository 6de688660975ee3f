using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The action required to continue a run in <c>requires_action</c>.</summary>
public sealed class RequiredAction
{
    /// <summary>Gets the type of the action; for now always <c>submit_tool_outputs</c>.</summary>
    public string? Type { get; init; }

    /// <summary>Gets the tool calls whose outputs must be submitted.</summary>
    public RunSubmitToolOutputs? SubmitToolOutputs { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
