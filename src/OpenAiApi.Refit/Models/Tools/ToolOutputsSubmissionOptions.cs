using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of submit-tool-outputs: the outputs of all the tool calls a run in <c>requires_action</c> waits for.</summary>
public sealed class ToolOutputsSubmissionOptions
{
    /// <summary>Initializes a new instance of the <see cref="ToolOutputsSubmissionOptions"/> class.</summary>
    public ToolOutputsSubmissionOptions()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ToolOutputsSubmissionOptions"/> class.</summary>
    /// <param name="toolOutputs">The tool outputs.</param>
    [SetsRequiredMembers]
    public ToolOutputsSubmissionOptions(IEnumerable<ToolOutput> toolOutputs)
    {
        ArgumentNullException.ThrowIfNull(toolOutputs);
        ToolOutputs = [.. toolOutputs];
    }

    /// <summary>Gets or sets the tool outputs, one per tool call of the run's required action.</summary>
    public required IList<ToolOutput> ToolOutputs { get; set; }

    /// <summary>Gets or sets whether the response is an event stream; set by the streaming helpers only.</summary>
    [JsonInclude]
    internal bool? Stream { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Returns a shallow copy with <see cref="Stream"/> set, leaving this instance unchanged.</summary>
    /// <returns>The copy.</returns>
    internal ToolOutputsSubmissionOptions CloneForStreaming()
    {
        var copy = (ToolOutputsSubmissionOptions)MemberwiseClone();
        copy.Stream = true;
        return copy;
    }
}
