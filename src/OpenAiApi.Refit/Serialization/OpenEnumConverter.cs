using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Serialization;

/// <summary>The one converter shared by every open enumeration: reads and writes the wire string, never throws on an unknown value.</summary>
/// <typeparam name="T">The open enumeration type.</typeparam>
internal sealed class OpenEnumConverter<T> : JsonConverter<T>
    where T : struct, IOpenEnum<T>
{
    /// <summary>The most values kept per type (more than any open enumeration has known values).</summary>
    private const int MaxKept = 32;

    /// <summary>The known values read so far, with their UTF-8 bytes: a value seen before costs a byte comparison, not a new string
    /// (a page of 100 messages has 200 roles and statuses). Only known values are kept, so a server cannot grow it.</summary>
    private static Kept[] _kept = [];

    /// <inheritdoc />
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, got {reader.TokenType}.");
        }

        Kept[] kept = _kept;
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            ReadOnlySpan<byte> utf8 = reader.ValueSpan;
            foreach (Kept candidate in kept)
            {
                if (utf8.SequenceEqual(candidate.Utf8))
                {
                    return candidate.Value;
                }
            }
        }

        T value = T.FromValue(reader.GetString()!);
        if (value.IsKnown && kept.Length < MaxKept)
        {
            _kept = [.. kept, new Kept(Encoding.UTF8.GetBytes(value.Value), value)]; // copy on write: readers see the old or the new array
        }

        return value;
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value.Value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }

    /// <inheritdoc />
    public override T ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => T.FromValue(reader.GetString()!);

    /// <inheritdoc />
    public override void WriteAsPropertyName(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WritePropertyName(value.Value ?? string.Empty);
    }

    /// <summary>A known value and its wire bytes.</summary>
    private sealed record Kept(byte[] Utf8, T Value);
}
