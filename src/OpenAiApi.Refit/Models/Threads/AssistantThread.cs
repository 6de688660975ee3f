using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A thread: a conversation that holds messages and on which runs execute (the spec's <c>ThreadObject</c>).</summary>
public sealed class AssistantThread
{
    /// <summary>Gets the id of the thread.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets the Unix time (seconds) when the thread was created.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Gets the resources made available to the assistant's tools in this thread.</summary>
    public ToolResources? ToolResources { get; init; }

    /// <summary>Gets the key-value pairs attached to the thread.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
