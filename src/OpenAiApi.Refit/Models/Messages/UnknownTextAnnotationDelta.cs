using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An annotation fragment whose <c>type</c> this library does not know; the raw JSON is kept and written back unchanged.
/// <see cref="TextAnnotationDelta.Index"/>, <see cref="TextAnnotationDelta.Text"/>, <see cref="TextAnnotationDelta.StartIndex"/> and
/// <see cref="TextAnnotationDelta.EndIndex"/> are read from it when present.</summary>
public sealed class UnknownTextAnnotationDelta : TextAnnotationDelta, IUnknownVariant<UnknownTextAnnotationDelta>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownTextAnnotationDelta"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownTextAnnotationDelta(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
        if (rawJson.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (rawJson.TryGetProperty("index", out JsonElement index) && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out int indexValue))
        {
            Index = indexValue;
        }

        if (rawJson.TryGetProperty("text", out JsonElement text) && text.ValueKind == JsonValueKind.String)
        {
            Text = text.GetString();
        }

        if (rawJson.TryGetProperty("start_index", out JsonElement start) && start.ValueKind == JsonValueKind.Number && start.TryGetInt32(out int startIndex))
        {
            StartIndex = startIndex;
        }

        if (rawJson.TryGetProperty("end_index", out JsonElement end) && end.ValueKind == JsonValueKind.Number && end.TryGetInt32(out int endIndex))
        {
            EndIndex = endIndex;
        }
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownTextAnnotationDelta IUnknownVariant<UnknownTextAnnotationDelta>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
