using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of modify-assistant: only the fields that are set are sent and changed.</summary>
public sealed class AssistantModificationOptions
{
    /// <summary>Gets or sets the id of the model to use.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the name of the assistant (at most 256 characters).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the description of the assistant (at most 512 characters).</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the system instructions of the assistant (at most 256,000 characters).</summary>
    public string? Instructions { get; set; }

    /// <summary>Gets or sets the tools of the assistant, replacing the current list (at most 128); <see langword="null"/> leaves them unchanged.</summary>
    public IList<ToolDefinition>? Tools { get; set; }

    /// <summary>Gets or sets the resources of the assistant's tools, overriding the current ones; <see langword="null"/> leaves them unchanged.</summary>
    public ToolResources? ToolResources { get; set; }

    /// <summary>Gets or sets the metadata: at most 16 pairs, keys of at most 64 characters, values of at most 512.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the sampling temperature, between 0 and 2.</summary>
    public double? Temperature { get; set; }

    /// <summary>Gets or sets the nucleus sampling probability mass, between 0 and 1.</summary>
    public double? TopP { get; set; }

    /// <summary>Gets or sets the format the model must output.</summary>
    public AssistantResponseFormat? ResponseFormat { get; set; }

    /// <summary>Gets or sets the reasoning effort for reasoning models (e.g. <c>low</c>, <c>medium</c>, <c>high</c>); not in the spec.</summary>
    public string? ReasoningEffort { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
