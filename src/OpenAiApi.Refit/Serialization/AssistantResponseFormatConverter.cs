using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The union converter of <see cref="AssistantResponseFormat"/>: reads a bare string (<c>"auto"</c>, or any other string) or an object
/// (<c>{"type":"text"}</c>, <c>{"type":"json_object"}</c>, <c>{"type":"json_schema","json_schema":{…}}</c>, any <c>type</c>), and writes
/// back the same form. Never throws on an unknown string or type; extra fields of the object round-trip.
/// </summary>
internal sealed class AssistantResponseFormatConverter : JsonConverter<AssistantResponseFormat>
{
    /// <inheritdoc />
    public override AssistantResponseFormat? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return new AssistantResponseFormat(reader.GetString()!, isStringForm: true, jsonSchema: null);
            case JsonTokenType.StartObject:
                WireObject? wire = JsonSerializer.Deserialize(ref reader, GetWireTypeInfo(options));
                return wire is null
                    ? null
                    : new AssistantResponseFormat(wire.Type ?? string.Empty, isStringForm: false, wire.JsonSchema)
                    {
                        AdditionalProperties = wire.AdditionalProperties,
                    };
            default:
                throw new JsonException($"Expected a string or an object for response_format, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AssistantResponseFormat value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (value.IsStringForm)
        {
            writer.WriteStringValue(value.Type);
            return;
        }

        var wire = new WireObject
        {
            Type = value.Type.Length == 0 ? null : value.Type, // a missing type was read as "": keep it missing
            JsonSchema = value.JsonSchema,
            AdditionalProperties = value.AdditionalProperties,
        };
        JsonSerializer.Serialize(writer, wire, GetWireTypeInfo(options));
    }

    private static JsonTypeInfo<WireObject> GetWireTypeInfo(JsonSerializerOptions options)
        => options.GetTypeInfo<WireObject>();

    /// <summary>The object form on the wire.</summary>
    internal sealed class WireObject
    {
        /// <summary>Gets or sets the format type.</summary>
        public string? Type { get; set; }

        /// <summary>Gets or sets the schema, for <c>json_schema</c>.</summary>
        public ResponseFormatJsonSchema? JsonSchema { get; set; }

        /// <summary>Gets or sets the unmodelled fields.</summary>
        [JsonExtensionData]
        public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
    }
}
