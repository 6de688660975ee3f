using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A tool whose <c>type</c> this library does not know; the raw JSON is kept and sent back unchanged.</summary>
public sealed class UnknownToolDefinition : ToolDefinition, IUnknownVariant<UnknownToolDefinition>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownToolDefinition"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownToolDefinition(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownToolDefinition IUnknownVariant<UnknownToolDefinition>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
