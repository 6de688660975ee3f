using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The union converter of <see cref="ToolConstraint"/>: reads a mode string (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c>, or any other
/// string) or a tool object (<c>{"type":"function","function":{"name":"x"}}</c>, any <c>type</c>), and writes back the same form.
/// Never throws on an unknown mode or type; extra fields of the object (and of its <c>function</c>) round-trip.
/// </summary>
internal sealed class ToolConstraintConverter : JsonConverter<ToolConstraint>
{
    /// <inheritdoc />
    public override ToolConstraint? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return ToolConstraint.FromMode(reader.GetString()!);
            case JsonTokenType.StartObject:
                WireObject? wire = JsonSerializer.Deserialize(ref reader, GetWireTypeInfo(options));
                if (wire is null)
                {
                    return null;
                }

                ToolConstraint choice = ToolConstraint.FromWireObject(wire.Type, wire.Function?.Name);
                choice.AdditionalProperties = wire.AdditionalProperties;
                choice.FunctionAdditionalProperties = wire.Function?.AdditionalProperties;
                return choice;
            default:
                throw new JsonException($"Expected a string or an object for tool_choice, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, ToolConstraint value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (value.Mode is not null)
        {
            writer.WriteStringValue(value.Mode);
            return;
        }

        var wire = new WireObject
        {
            Type = value.Type,
            Function = value.FunctionName is null && value.FunctionAdditionalProperties is null
                ? null
                : new WireFunction { Name = value.FunctionName, AdditionalProperties = value.FunctionAdditionalProperties },
            AdditionalProperties = value.AdditionalProperties,
        };
        JsonSerializer.Serialize(writer, wire, GetWireTypeInfo(options));
    }

    private static JsonTypeInfo<WireObject> GetWireTypeInfo(JsonSerializerOptions options)
        => options.GetTypeInfo<WireObject>();

    /// <summary>The object form on the wire.</summary>
    internal sealed class WireObject
    {
        /// <summary>Gets or sets the tool type.</summary>
        public string? Type { get; set; }

        /// <summary>Gets or sets the function, for <c>function</c> tools.</summary>
        public WireFunction? Function { get; set; }

        /// <summary>Gets or sets the unmodelled fields.</summary>
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
    }

    /// <summary>The <c>function</c> object on the wire.</summary>
    internal sealed class WireFunction
    {
        /// <summary>Gets or sets the function name.</summary>
        public string? Name { get; set; }

        /// <summary>Gets or sets the unmodelled fields.</summary>
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
    }
}
