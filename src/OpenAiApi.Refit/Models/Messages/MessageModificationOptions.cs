using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of a modify-message request (the spec's <c>ModifyMessageRequest</c>).</summary>
public sealed class MessageModificationOptions
{
    /// <summary>Gets or sets up to 16 key-value pairs to attach to the message (keys at most 64 characters, values at most 512).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
