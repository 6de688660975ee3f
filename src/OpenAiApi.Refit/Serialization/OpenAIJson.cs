using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The serializer options every body and every stream event of the library is read and written with: the source-generated
/// <see cref="OpenAIJsonContext"/> plus the one rule for <c>null</c> inside a collection from the wire. A <c>null</c> element of an
/// array (<c>"tool_calls": [null]</c>, <c>"content": [part, null]</c>, <c>"data": [message, null]</c>) or a <c>null</c> value of a
/// map (<c>"metadata": {"k": null}</c>) is dropped when the object holding it is read, at every level of every model, so no caller
/// (the tool loops, the stream accumulator, the pager, user code) ever sees a <c>null</c> element or throws on one.
/// </summary>
internal static class OpenAIJson
{
    /// <summary>Gets the options (read-only, built once).</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>Gets the type info of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => TypeInfoOf<T>.Value;

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(OpenAIJsonContext.Default.Options)
        {
            TypeInfoResolver = OpenAIJsonContext.Default.WithAddedModifier(DropNullElements),
        };
        options.MakeReadOnly();
        return options;
    }

    /// <summary>For an object type with collection properties: after the object is read, removes the <c>null</c> elements of each.</summary>
    private static void DropNullElements(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        List<Func<object, object?>>? collections = null;
        foreach (JsonPropertyInfo property in typeInfo.Properties)
        {
            if (property.Get is { } get && property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                (collections ??= []).Add(get);
            }
        }

        if (collections is null)
        {
            return;
        }

        Func<object, object?>[] getters = [.. collections];
        Action<object>? previous = typeInfo.OnDeserialized;
        typeInfo.OnDeserialized = value =>
        {
            previous?.Invoke(value);
            foreach (Func<object, object?> get in getters)
            {
                RemoveNulls(get(value));
            }
        };
    }

    private static void RemoveNulls(object? collection)
    {
        switch (collection)
        {
            case IList { IsReadOnly: false, IsFixedSize: false } list:
                for (int i = list.Count - 1; i >= 0; i--)
                {
                    if (list[i] is null)
                    {
                        list.RemoveAt(i);
                    }
                }

                break;
            case IDictionary { IsReadOnly: false } map:
                List<object>? keys = null;
                foreach (DictionaryEntry entry in map)
                {
                    if (entry.Value is null)
                    {
                        (keys ??= []).Add(entry.Key);
                    }
                }

                foreach (object key in keys ?? [])
                {
                    map.Remove(key);
                }

                break;
        }
    }

    /// <summary>The type info of <typeparamref name="T"/>, looked up once per type.</summary>
    private static class TypeInfoOf<T>
    {
        public static readonly JsonTypeInfo<T> Value = Options.GetTypeInfo<T>(); // throws NotSupportedException for a type outside the context
    }
}
