using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// Reads and writes <see cref="MessageText"/> (<c>{"value":…,"annotations":[…]}</c>) exactly as the generated metadata would, but as a
/// value converter. It exists for speed: a text part is read by <see cref="OpenPolymorphicConverter{TBase,TUnknown}"/> through a nested
/// <see cref="JsonSerializer"/> call, and a nested call that has to descend into an object (the <c>text</c> object) allocates a new
/// read stack (about 0.5 KB) for every part: 100 messages, 100 stacks; 1,000 stream deltas, 1,000 stacks. Read through this converter
/// the nested call stays one level deep and allocates no read-stack array.
/// </summary>
/// <remarks>Same contract as the generated code: snake_case names matched case-sensitively, <c>value</c> a string or null,
/// <c>annotations</c> read through the polymorphic annotation converter (null becomes empty), every other property kept in
/// <see cref="MessageText.AdditionalProperties"/>; written in declaration order, a null <c>value</c> omitted, extension data last.
/// A test pins the property set, so a property added to the model without a case here fails the build's tests.</remarks>
internal sealed class MessageTextConverter : JsonConverter<MessageText>
{
    public override MessageText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        FlatObjectReader.ExpectStartObject(ref reader, typeToConvert);
        string? value = null;
        IReadOnlyList<TextAnnotation>? annotations = null;
        Dictionary<string, JsonElement>? extra = null;
        while (FlatObjectReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("value"u8))
            {
                value = FlatObjectReader.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                annotations = reader.TokenType == JsonTokenType.Null
                    ? null
                    : JsonSerializer.Deserialize(ref reader, FlatObjectReader.TypeInfo<IReadOnlyList<TextAnnotation>>(options));
            }
            else
            {
                FlatObjectReader.ReadExtension(ref reader, ref extra);
            }
        }

        return new MessageText { Value = value, Annotations = annotations!, AdditionalProperties = extra };
    }

    public override void Write(Utf8JsonWriter writer, MessageText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Value is not null)
        {
            writer.WriteString("value"u8, value.Value);
        }

        writer.WritePropertyName("annotations"u8);
        JsonSerializer.Serialize(writer, value.Annotations, FlatObjectReader.TypeInfo<IReadOnlyList<TextAnnotation>>(options));
        FlatObjectReader.WriteExtension(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}

/// <summary>Reads and writes <see cref="MessageTextDelta"/> as a value converter, for the reason and with the contract given on
/// <see cref="MessageTextConverter"/> (here <c>annotations</c> stays null when absent or null, as the model says).</summary>
internal sealed class MessageTextDeltaConverter : JsonConverter<MessageTextDelta>
{
    public override MessageTextDelta? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        FlatObjectReader.ExpectStartObject(ref reader, typeToConvert);
        string? value = null;
        IReadOnlyList<TextAnnotationDelta>? annotations = null;
        Dictionary<string, JsonElement>? extra = null;
        while (FlatObjectReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("value"u8))
            {
                value = FlatObjectReader.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("annotations"u8))
            {
                reader.Read();
                annotations = reader.TokenType == JsonTokenType.Null
                    ? null
                    : JsonSerializer.Deserialize(ref reader, FlatObjectReader.TypeInfo<IReadOnlyList<TextAnnotationDelta>>(options));
            }
            else
            {
                FlatObjectReader.ReadExtension(ref reader, ref extra);
            }
        }

        return new MessageTextDelta { Value = value, Annotations = annotations, AdditionalProperties = extra };
    }

    public override void Write(Utf8JsonWriter writer, MessageTextDelta value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Value is not null)
        {
            writer.WriteString("value"u8, value.Value);
        }

        if (value.Annotations is not null)
        {
            writer.WritePropertyName("annotations"u8);
            JsonSerializer.Serialize(writer, value.Annotations, FlatObjectReader.TypeInfo<IReadOnlyList<TextAnnotationDelta>>(options));
        }

        FlatObjectReader.WriteExtension(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}

/// <summary>The shared reading and writing steps of the two text converters.</summary>
internal static class FlatObjectReader
{
    public static void ExpectStartObject(ref Utf8JsonReader reader, Type type)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"The JSON value could not be converted to {type}: expected an object, got {reader.TokenType}.");
        }
    }

    /// <summary>Moves to the next property name of the current object; false at its end.</summary>
    public static bool NextProperty(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Expected a property name or the end of the object, got {reader.TokenType}."),
        };
    }

    public static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw new JsonException($"The JSON value could not be converted to System.String: got {reader.TokenType}."),
        };
    }

    /// <summary>Keeps a property the model does not declare, as the generated [JsonExtensionData] handling does (the last duplicate wins).</summary>
    public static void ReadExtension(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extra)
    {
        string name = reader.GetString()!;
        reader.Read();
        (extra ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
    }

    public static void WriteExtension(Utf8JsonWriter writer, IDictionary<string, JsonElement>? extra)
    {
        if (extra is null)
        {
            return;
        }

        foreach (KeyValuePair<string, JsonElement> property in extra)
        {
            writer.WritePropertyName(property.Key);
            property.Value.WriteTo(writer);
        }
    }

    public static JsonTypeInfo<T> TypeInfo<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}

/// <summary>Reads and writes <see cref="FunctionDefinition"/> (the <c>function</c> object of a function tool) as a value converter, for
/// the reason given on <see cref="MessageTextConverter"/>: every function tool of a run or an assistant would otherwise cost a read stack.
/// Same contract as the generated code, including <c>name</c> being required (its absence is a <see cref="JsonException"/>).</summary>
internal sealed class FunctionDefinitionConverter : JsonConverter<FunctionDefinition>
{
    public override FunctionDefinition? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        FlatObjectReader.ExpectStartObject(ref reader, typeToConvert);
        string? name = null;
        bool hasName = false;
        string? description = null;
        JsonElement? parameters = null;
        bool? strict = null;
        Dictionary<string, JsonElement>? extra = null;
        while (FlatObjectReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("name"u8))
            {
                name = FlatObjectReader.ReadString(ref reader);
                hasName = true;
            }
            else if (reader.ValueTextEquals("description"u8))
            {
                description = FlatObjectReader.ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("parameters"u8))
            {
                reader.Read();
                parameters = reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
            }
            else if (reader.ValueTextEquals("strict"u8))
            {
                reader.Read();
                strict = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw new JsonException($"The JSON value could not be converted to System.Boolean: got {reader.TokenType}."),
                };
            }
            else
            {
                FlatObjectReader.ReadExtension(ref reader, ref extra);
            }
        }

        if (!hasName)
        {
            throw new JsonException($"JSON deserialization for type '{typeof(FunctionDefinition)}' was missing required properties including: 'name'.");
        }

        return new FunctionDefinition(name!, description, parameters) { Strict = strict, AdditionalProperties = extra };
    }

    public override void Write(Utf8JsonWriter writer, FunctionDefinition value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.Name is not null)
        {
            writer.WriteString("name"u8, value.Name);
        }

        if (value.Description is not null)
        {
            writer.WriteString("description"u8, value.Description);
        }

        if (value.Parameters is { } parameters)
        {
            writer.WritePropertyName("parameters"u8);
            parameters.WriteTo(writer);
        }

        if (value.Strict is { } strict)
        {
            writer.WriteBoolean("strict"u8, strict);
        }

        FlatObjectReader.WriteExtension(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}

/// <summary>Reads and writes <see cref="FileSearchToolOverrides"/> (the <c>file_search</c> object of a file search tool) as a value
/// converter, for the reason given on <see cref="MessageTextConverter"/>; <c>ranking_options</c> goes through the generated metadata.</summary>
internal sealed class FileSearchToolOverridesConverter : JsonConverter<FileSearchToolOverrides>
{
    public override FileSearchToolOverrides? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        FlatObjectReader.ExpectStartObject(ref reader, typeToConvert);
        int? maxNumResults = null;
        FileSearchRankingOptions? rankingOptions = null;
        Dictionary<string, JsonElement>? extra = null;
        while (FlatObjectReader.NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("max_num_results"u8))
            {
                reader.Read();
                maxNumResults = reader.TokenType switch
                {
                    JsonTokenType.Null => null,
                    JsonTokenType.Number when reader.TryGetInt32(out int number) => number,
                    _ => throw new JsonException($"The JSON value could not be converted to System.Int32: got {reader.TokenType}."),
                };
            }
            else if (reader.ValueTextEquals("ranking_options"u8))
            {
                reader.Read();
                rankingOptions = reader.TokenType == JsonTokenType.Null
                    ? null
                    : JsonSerializer.Deserialize(ref reader, FlatObjectReader.TypeInfo<FileSearchRankingOptions>(options));
            }
            else
            {
                FlatObjectReader.ReadExtension(ref reader, ref extra);
            }
        }

        return new FileSearchToolOverrides { MaxNumResults = maxNumResults, RankingOptions = rankingOptions, AdditionalProperties = extra };
    }

    public override void Write(Utf8JsonWriter writer, FileSearchToolOverrides value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        if (value.MaxNumResults is { } maxNumResults)
        {
            writer.WriteNumber("max_num_results"u8, maxNumResults);
        }

        if (value.RankingOptions is { } rankingOptions)
        {
            writer.WritePropertyName("ranking_options"u8);
            JsonSerializer.Serialize(writer, rankingOptions, FlatObjectReader.TypeInfo<FileSearchRankingOptions>(options));
        }

        FlatObjectReader.WriteExtension(writer, value.AdditionalProperties);
        writer.WriteEndObject();
    }
}
