using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A code interpreter output fragment whose <c>type</c> this library does not know; the raw JSON is kept.</summary>
public sealed class UnknownCodeInterpreterOutputDelta : CodeInterpreterOutputDelta, IUnknownVariant<UnknownCodeInterpreterOutputDelta>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownCodeInterpreterOutputDelta"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownCodeInterpreterOutputDelta(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
        if (rawJson.ValueKind == JsonValueKind.Object && rawJson.TryGetProperty("index", out JsonElement index)
            && index.ValueKind == JsonValueKind.Number && index.TryGetInt32(out int value))
        {
            Index = value;
        }
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownCodeInterpreterOutputDelta IUnknownVariant<UnknownCodeInterpreterOutputDelta>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
