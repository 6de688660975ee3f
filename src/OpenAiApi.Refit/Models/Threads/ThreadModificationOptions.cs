using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of a modify-thread request (the spec's <c>ModifyThreadRequest</c>); fields left <see langword="null"/> are not sent.</summary>
public sealed class ThreadModificationOptions
{
    /// <summary>Gets or sets the resources made available to the assistant's tools in this thread.</summary>
    public ToolResources? ToolResources { get; set; }

    /// <summary>Gets or sets up to 16 key-value pairs to attach to the thread (keys at most 64 characters, values at most 512).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
