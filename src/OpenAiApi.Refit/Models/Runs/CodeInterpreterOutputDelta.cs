using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of a code interpreter output while streaming: <see cref="CodeInterpreterLogsOutputDelta"/>,
/// <see cref="CodeInterpreterImageOutputDelta"/>, or <see cref="UnknownCodeInterpreterOutputDelta"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<CodeInterpreterOutputDelta, UnknownCodeInterpreterOutputDelta>))]
public abstract class CodeInterpreterOutputDelta : IPolymorphicBase<CodeInterpreterOutputDelta>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets the index of the output in the outputs of the call.</summary>
    public int? Index { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<CodeInterpreterOutputDelta>? IPolymorphicBase<CodeInterpreterOutputDelta>.GetDerivedType(string type) => type switch
    {
        "logs" => PolymorphicVariant<CodeInterpreterOutputDelta>.Of<CodeInterpreterLogsOutputDelta>(),
        "image" => PolymorphicVariant<CodeInterpreterOutputDelta>.Of<CodeInterpreterImageOutputDelta>(),
        _ => null,
    };
}
