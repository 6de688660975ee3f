using System.Text.Json;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>Run step delta details whose <c>type</c> this library does not know; the raw JSON is kept.</summary>
public sealed class UnknownRunStepDeltaDetails : RunStepDeltaDetails, IUnknownVariant<UnknownRunStepDeltaDetails>
{
    private readonly string _type;

    /// <summary>Initializes a new instance of the <see cref="UnknownRunStepDeltaDetails"/> class.</summary>
    /// <param name="type">The wire type.</param>
    /// <param name="rawJson">The raw JSON object.</param>
    public UnknownRunStepDeltaDetails(string type, JsonElement rawJson)
    {
        _type = type;
        RawJson = rawJson;
    }

    /// <inheritdoc />
    public override string Type => _type;

    /// <inheritdoc />
    public JsonElement RawJson { get; }

    /// <inheritdoc />
    static UnknownRunStepDeltaDetails IUnknownVariant<UnknownRunStepDeltaDetails>.Create(string type, JsonElement rawJson) => new(type, rawJson);
}
