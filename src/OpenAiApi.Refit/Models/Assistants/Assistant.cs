using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An assistant: a model with instructions and tools, used by runs (the <c>assistant</c> object).</summary>
public sealed class Assistant
{
    private readonly IReadOnlyList<ToolDefinition> _tools = [];

    /// <summary>Gets the id of the assistant, e.g. <c>asst_abc123</c>.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>assistant</c>.</summary>
    [SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The wire field is named object.")]
    public string? Object { get; init; }

    /// <summary>Gets when the assistant was created, in Unix seconds.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Gets the name of the assistant (at most 256 characters).</summary>
    public string? Name { get; init; }

    /// <summary>Gets the description of the assistant (at most 512 characters).</summary>
    public string? Description { get; init; }

    /// <summary>Gets the id of the model the assistant uses.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the system instructions of the assistant (at most 256,000 characters).</summary>
    public string? Instructions { get; init; }

    /// <summary>Gets the tools enabled on the assistant (at most 128); empty, never <see langword="null"/>, when a server sends none or null.</summary>
    public IReadOnlyList<ToolDefinition> Tools
    {
        get => _tools;
        init => _tools = value ?? [];
    }

    /// <summary>Gets the resources of the assistant's tools: files for the code interpreter, vector stores for file search.</summary>
    public ToolResources? ToolResources { get; init; }

    /// <summary>Gets the metadata: at most 16 key-value pairs.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the sampling temperature, between 0 and 2.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling probability mass, between 0 and 1.</summary>
    public double? TopP { get; init; }

    /// <summary>Gets the format the model must output.</summary>
    public AssistantResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets the reasoning effort of reasoning models (e.g. <c>low</c>, <c>medium</c>, <c>high</c>); not in the spec, but sent by real servers.</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
