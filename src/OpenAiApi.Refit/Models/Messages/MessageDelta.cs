using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The changed fields of a message during streaming (the spec's <c>MessageDeltaObject</c>, event <c>thread.message.delta</c>).</summary>
public sealed class MessageDelta
{
    /// <summary>Gets the id of the message.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread.message.delta</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets the fields that changed.</summary>
    public MessageDeltaBody? Delta { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
