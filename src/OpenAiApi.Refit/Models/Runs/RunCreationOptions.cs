using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of create-run: which assistant runs the thread, and per-run overrides.</summary>
public sealed class RunCreationOptions
{
    /// <summary>Initializes a new instance of the <see cref="RunCreationOptions"/> class.</summary>
    public RunCreationOptions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="RunCreationOptions"/> class.</summary>
    /// <param name="assistantId">The id of the assistant to run.</param>
    [SetsRequiredMembers]
    public RunCreationOptions(string assistantId)
    {
        AssistantId = assistantId;
    }

    /// <summary>Gets or sets the id of the assistant to run.</summary>
    public required string AssistantId { get; set; }

    /// <summary>Gets or sets the model to use instead of the assistant's.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the reasoning effort (<c>low</c>, <c>medium</c>, <c>high</c>; reasoning models only).</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets or sets instructions that replace the assistant's for this run.</summary>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets instructions appended to the instructions of the run.</summary>
    public string? AdditionalInstructions { get; set; }

    /// <summary>Gets or sets messages added to the thread before the run starts.</summary>
    public IList<MessageCreationOptions>? AdditionalMessages { get; set; }

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
    public TruncationStrategy? TruncationStrategy { get; set; }

    /// <summary>Gets or sets which tool, if any, the model must call.</summary>
    public ToolChoice? ToolChoice { get; set; }

    /// <summary>Gets or sets a value indicating whether parallel function calling is enabled.</summary>
    public bool? ParallelToolCalls { get; set; }

    /// <summary>Gets or sets the response format.</summary>
    public AssistantResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns a shallow copy with <see cref="Stream"/> set, leaving this instance unchanged.</summary>
    /// <returns>The copy.</returns>
    internal RunCreationOptions CloneForStreaming()
    {
        var copy = (RunCreationOptions)MemberwiseClone();
        copy.Stream = true;
        return copy;
    }
}
