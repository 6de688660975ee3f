using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The tool outputs a run needs to continue.</summary>
public sealed class RunSubmitToolOutputs
{
    /// <summary>Gets the tool calls to answer, all in one submission.</summary>
    public IReadOnlyList<RunToolCall> ToolCalls { get; init => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
