using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An annotation whose <c>type</c> this library does not know; the raw JSON is kept and written back unchanged.
/// <see cref="TextAnnotation.Text"/>, <see cref="TextAnnotation.StartIndex"/> and <see cref="TextAnnotation.EndIndex"/> are read
/// from it when present.</summary>
public sealed class UnknownTextAnnotation : TextAnnotation, IUnknownVariant<UnknownTextAnnotation>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownTextAnnotation"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownTextAnnotation(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
        if (rawJson.ValueKind == JsonValueKind.Object)
        {
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
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownTextAnnotation IUnknownVariant<UnknownTextAnnotation>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
