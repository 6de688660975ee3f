using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>One page of a cursor-paginated list (assistants, messages, runs, run steps).</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class CursorPage<T>
{
    /// <summary>Gets the object type, always <c>list</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets the items of this page.</summary>
    public IReadOnlyList<T> Data { get; init => field = value ?? []; } = [];

    /// <summary>Gets the id of the first item, the cursor for <c>before</c>.</summary>
    public string? FirstId { get; init; }

    /// <summary>Gets the id of the last item, the cursor for <c>after</c>.</summary>
    public string? LastId { get; init; }

    /// <summary>Gets a value indicating whether more items follow this page.</summary>
    public bool HasMore { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
