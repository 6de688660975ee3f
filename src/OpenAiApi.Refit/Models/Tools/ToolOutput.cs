using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The output of one tool call, submitted to a run in <c>requires_action</c>.</summary>
public sealed class ToolOutput
{
    /// <summary>Initializes a new instance of the <see cref="ToolOutput"/> class.</summary>
    public ToolOutput()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolOutput"/> class.</summary>
    /// <param name="toolCallId">The id of the tool call, from the run's <c>required_action</c>.</param>
    /// <param name="output">The output of the tool call.</param>
    [SetsRequiredMembers]
    public ToolOutput(string toolCallId, string? output)
    {
        ToolCallId = toolCallId;
        Output = output;
    }

    /// <summary>Gets or sets the id of the tool call, from the run's <c>required_action.submit_tool_outputs.tool_calls</c>.</summary>
    public required string ToolCallId { get; set; }

    /// <summary>Gets or sets the output of the tool call, passed to the model.</summary>
    public string? Output { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
