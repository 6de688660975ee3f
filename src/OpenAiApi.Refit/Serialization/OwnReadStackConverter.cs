using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// Reads and writes a property's value through the value type's own source-generated converter, on a read stack of its own. Put on
/// the object and collection properties inside polymorphic parts (<see cref="OpenPolymorphicConverter{TBase, TUnknown}"/> reads each
/// part on a new System.Text.Json read stack, and such a stack allocates its frame array, ≈ 460 bytes, as soon as it goes two levels
/// deep). Read through this converter, the property is a value to the part's stack, which so stays one level deep; the value's own
/// stack allocates only if the value itself nests (an empty or absent collection does not). It reads nothing by hand: the generated
/// metadata does all of it, with every rule of the options (extension data, dropped <c>null</c> elements).
/// </summary>
/// <typeparam name="T">The property's type.</typeparam>
internal sealed class OwnReadStackConverter<T> : JsonConverter<T>
    where T : class
{
    private Resolved? _resolved; // one reference: readers on other threads see the old or the new pair, both whole

    /// <inheritdoc />
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Inner(options).Read(ref reader, typeof(T), options);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        Inner(options).Write(writer, value, options);

    private JsonConverter<T> Inner(JsonSerializerOptions options)
    {
        if (_resolved is { } resolved && ReferenceEquals(resolved.Options, options))
        {
            return resolved.Converter;
        }

        var converter = (JsonConverter<T>)options.GetTypeInfo<T>().Converter;
        if (converter is OwnReadStackConverter<T>)
        {
            throw new InvalidOperationException($"{nameof(OwnReadStackConverter<T>)} belongs on properties, not on the type {typeof(T).Name}.");
        }

        _resolved = new Resolved(options, converter);
        return converter;
    }

    private sealed record Resolved(JsonSerializerOptions Options, JsonConverter<T> Converter);
}
