using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The <c>delta</c> object of a <see cref="MessageDelta"/>: the role and the content fragments, each with its <c>index</c>.</summary>
public sealed class MessageDeltaBody
{
    /// <summary>Gets the entity that produced the message, when sent.</summary>
    public MessageRole? Role { get; init; }

    /// <summary>Gets the content fragments, or <see langword="null"/> when none were sent.</summary>
    public IReadOnlyList<MessageDeltaContent>? Content { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
