using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A content fragment whose <c>type</c> this library does not know; the raw JSON is kept and written back unchanged.
/// <see cref="MessageDeltaContent.Index"/> is read from it when present.</summary>
public sealed class UnknownMessageDeltaContent : MessageDeltaContent, IUnknownVariant<UnknownMessageDeltaContent>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownMessageDeltaContent"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownMessageDeltaContent(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
        if (rawJson.ValueKind == JsonValueKind.Object
            && rawJson.TryGetProperty("index", out JsonElement index)
            && index.ValueKind == JsonValueKind.Number
            && index.TryGetInt32(out int value))
        {
            Index = value;
        }
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownMessageDeltaContent IUnknownVariant<UnknownMessageDeltaContent>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
