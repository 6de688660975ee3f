using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An output of a code interpreter call: <see cref="CodeInterpreterLogsOutput"/>, <see cref="CodeInterpreterImageOutput"/>,
/// or <see cref="UnknownCodeInterpreterOutput"/> for a type this library does not know.</summary>
[JsonConverter(typeof(OpenPolymorphicConverter<CodeInterpreterOutput, UnknownCodeInterpreterOutput>))]
public abstract class CodeInterpreterOutput : IPolymorphicBase<CodeInterpreterOutput>
{
    /// <summary>Gets the wire type.</summary>
    [JsonPropertyOrder(-1)]
    public abstract string Type { get; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <inheritdoc />
    static PolymorphicVariant<CodeInterpreterOutput>? IPolymorphicBase<CodeInterpreterOutput>.GetDerivedType(string type) => type switch
    {
        "logs" => PolymorphicVariant<CodeInterpreterOutput>.Of<CodeInterpreterLogsOutput>(),
        "image" => PolymorphicVariant<CodeInterpreterOutput>.Of<CodeInterpreterImageOutput>(),
        _ => null,
    };
}
