using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A message content part whose <c>type</c> this library does not know; the raw JSON is kept and written back unchanged.</summary>
public sealed class UnknownMessageContent : MessageContent, IUnknownVariant<UnknownMessageContent>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownMessageContent"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownMessageContent(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownMessageContent IUnknownVariant<UnknownMessageContent>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
