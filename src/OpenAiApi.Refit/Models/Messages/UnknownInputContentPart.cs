using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A content part whose <c>type</c> this library does not know; the raw JSON is kept and sent unchanged
/// (also a way to send a part type this library does not model yet).</summary>
public sealed class UnknownInputContentPart : MessageInputContentPart, IUnknownVariant<UnknownInputContentPart>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownInputContentPart"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object, written as is.</param>
    public UnknownInputContentPart(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownInputContentPart IUnknownVariant<UnknownInputContentPart>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
