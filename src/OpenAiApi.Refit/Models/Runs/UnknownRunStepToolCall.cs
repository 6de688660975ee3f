using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A run step tool call whose <c>type</c> this library does not know; the raw JSON is kept.</summary>
public sealed class UnknownRunStepToolCall : RunStepToolCall, IUnknownVariant<UnknownRunStepToolCall>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownRunStepToolCall"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownRunStepToolCall(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
        if (rawJson.ValueKind == JsonValueKind.Object && rawJson.TryGetProperty("id", out JsonElement id)
            && id.ValueKind == JsonValueKind.String)
        {
            Id = id.GetString()!;
        }
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownRunStepToolCall IUnknownVariant<UnknownRunStepToolCall>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
