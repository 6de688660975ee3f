using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The settings of a run shared by the bodies that start one (<see cref="RunCreationOptions"/> and
/// <see cref="ThreadAndRunCreationOptions"/>): which assistant runs, and the per-run overrides of its model, instructions, tools and
/// sampling.</summary>
public abstract class RunSettings
{
    /// <summary>Initializes a new instance of the <see cref="RunSettings"/> class.</summary>
    private protected RunSettings()
    {
    }

    /// <summary>Gets or sets the id of the assistant to run.</summary>
    public required string AssistantId { get; set; }

    /// <summary>Gets or sets the model to use instead of the assistant's.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the reasoning effort (<c>low</c>, <c>medium</c>, <c>high</c>; reasoning models only).</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets or sets instructions that replace the assistant's for this run.</summary>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets the tools to use instead of the assistant's (at most 20).</summary>
    public IList<ToolDefinition>? Tools { get; set; }

    /// <summary>Gets or sets metadata to attach to the run (at most 16 pairs).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the sampling temperature, between 0 and 2.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets the nucleus sampling value, between 0 and 1.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets a value indicating whether the server streams events; set by the streaming helpers only.</summary>
    [JsonInclude]
    internal bool? Stream { get; set; }

    /// <summary>Gets or sets the maximum number of prompt tokens the run may use (at least 256).</summary>
    public int? MaxPromptTokens { get; set; }

    /// <summary>Gets or sets the maximum number of completion tokens the run may use (at least 256).</summary>
    public int? MaxCompletionTokens { get; set; }

    /// <summary>Gets or sets how the thread is truncated before the run.</summary>
    public RunTruncationStrategy? TruncationStrategy { get; set; }

    /// <summary>Gets or sets which tool, if any, the model must call.</summary>
    public ToolConstraint? ToolChoice { get; set; }

    /// <summary>Gets or sets a value indicating whether parallel function calling is enabled.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Gets or sets the response format.</summary>
    public AssistantResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
