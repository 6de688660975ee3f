using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The <c>text</c> object of a <see cref="TextMessageDeltaContent"/>: the text fragment and the annotations added.</summary>
public sealed class MessageTextDelta
{
    /// <summary>Gets the text fragment to append.</summary>
    public string? Value { get; init; }

    /// <summary>Gets the annotations added or changed by this delta, or <see langword="null"/> when none were sent.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<IReadOnlyList<TextAnnotationDelta>>))]
    public IReadOnlyList<TextAnnotationDelta>? Annotations { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
