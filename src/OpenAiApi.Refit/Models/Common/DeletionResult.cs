using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The result of deleting an assistant, a thread or a message.</summary>
public sealed class DeletionResult
{
    /// <summary>Gets the id of the deleted object.</summary>
    public string? Id { get; init; }

    /// <summary>Gets a value indicating whether the object was deleted.</summary>
    public bool Deleted { get; init; }

    /// <summary>Gets the object type, e.g. <c>assistant.deleted</c>, <c>thread.deleted</c>, <c>thread.message.deleted</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
