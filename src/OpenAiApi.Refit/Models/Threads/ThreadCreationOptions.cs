using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of a create-thread request (the spec's <c>CreateThreadRequest</c>); every field is optional.</summary>
public sealed class ThreadCreationOptions
{
    /// <summary>Gets or sets the messages to start the thread with.</summary>
    public IList<MessageCreationOptions>? Messages { get; set; }

    /// <summary>Gets or sets the resources made available to the assistant's tools in this thread.</summary>
    public ToolResources? ToolResources { get; set; }

    /// <summary>Gets or sets up to 16 key-value pairs to attach to the thread (keys at most 64 characters, values at most 512).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
