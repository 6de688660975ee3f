using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Run step details whose <c>type</c> this library does not know; the raw JSON is kept.</summary>
public sealed class UnknownRunStepDetails : RunStepDetails, IUnknownVariant<UnknownRunStepDetails>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownRunStepDetails"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownRunStepDetails(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownRunStepDetails IUnknownVariant<UnknownRunStepDetails>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
