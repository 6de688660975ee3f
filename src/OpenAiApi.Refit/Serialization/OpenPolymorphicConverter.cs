using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

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
    private const int MaxKept = 16;

    private Discriminator[] _known = [];

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

        Discriminator? type = FindDiscriminator(reader, options);
        if (type is not { Variant: { } variant, TypeInfo: { } typeInfo })
        {
            JsonElement raw = JsonElement.ParseValue(ref reader);
            return TUnknown.Create(type?.Name ?? string.Empty, raw);
        }

        return variant.Read(ref reader, typeInfo, options); // read once, on this reader: no scan to fence it in first
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

    private Discriminator? FindDiscriminator(Utf8JsonReader reader, JsonSerializerOptions options)
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
                    return reader.TokenType == JsonTokenType.String ? Resolve(ref reader, options) : null;
                }

                reader.TrySkip();
            }
        }

        return null;
    }

    /// <summary>Resolves the discriminator under the reader. Resolutions are kept (at most <see cref="MaxKept"/>, so a server inventing
    /// types cannot grow the cache): a type seen before costs a byte comparison instead of a string and a type info lookup.</summary>
    private Discriminator Resolve(ref Utf8JsonReader reader, JsonSerializerOptions options)
    {
        Discriminator[] known = _known;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> value = reader.ValueSpan;
            foreach (Discriminator candidate in known)
            {
                if (ReferenceEquals(candidate.Options, options) && value.SequenceEqual(candidate.Utf8Name))
                {
                    return candidate;
                }
            }
        }

        string name = reader.GetString()!;
        PolymorphicVariant<TBase>? variant = TBase.GetDerivedType(name);
        var resolved = new Discriminator(Encoding.UTF8.GetBytes(name), name, options, variant, variant is null ? null : options.GetTypeInfo(variant.Type));
        if (known.Length < MaxKept)
        {
            _known = [.. known, resolved]; // copy on write: readers on other threads see the old or the new array, both complete
        }

        return resolved;
    }

    /// <summary>A discriminator value and what it resolves to under one set of options (no variant and type info: an unknown variant).</summary>
    private sealed record Discriminator(byte[] Utf8Name, string Name, JsonSerializerOptions Options, PolymorphicVariant<TBase>? Variant, JsonTypeInfo? TypeInfo);
}
