using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The one converter shared by every <c>type</c>-discriminated model: a known <c>type</c> deserializes into its concrete class
/// through the source-generated metadata (the discriminator may appear anywhere in the object); an unknown one becomes
/// <typeparamref name="TUnknown"/> holding the raw JSON, so new server-side types never fail and round-trip intact.
/// </summary>
/// <typeparam name="TBase">The abstract base.</typeparam>
/// <typeparam name="TUnknown">The variant for unknown types.</typeparam>
/// <remarks>
/// System.Text.Json's <c>[JsonPolymorphic]</c> cannot bind an unrecognized discriminator to a fallback type
/// (an abstract base throws, a concrete base loses the <c>type</c> value), hence this converter.
/// </remarks>
internal sealed class OpenPolymorphicConverter<TBase, TUnknown> : JsonConverter<TBase>
    where TBase : class, IPolymorphicBase<TBase>
    where TUnknown : class, TBase, IUnknownVariant<TUnknown>
{
    /// <inheritdoc />
    public override TBase? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object for {typeof(TBase).Name}, got {reader.TokenType}.");
        }

        string? type = FindDiscriminator(reader);
        Type? derived = type is null ? null : TBase.GetDerivedType(type);
        if (derived is null)
        {
            JsonElement raw = JsonElement.ParseValue(ref reader);
            return TUnknown.Create(type ?? string.Empty, raw);
        }

        return (TBase?)JsonSerializer.Deserialize(ref reader, options.GetTypeInfo(derived));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TBase value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        if (value is TUnknown unknown)
        {
            unknown.RawJson.WriteTo(writer);
            return;
        }

        JsonSerializer.Serialize(writer, value, options.GetTypeInfo(value.GetType()));
    }

    private static string? FindDiscriminator(Utf8JsonReader reader)
    {
        // The reader is a copy: scanning it leaves the caller's position untouched.
        int depth = reader.CurrentDepth;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject && reader.CurrentDepth == depth)
            {
                return null;
            }

            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == depth + 1)
            {
                bool isType = reader.ValueTextEquals("type"u8);
                reader.Read();
                if (isType)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                reader.TrySkip();
            }
        }

        return null;
    }
}
