using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenAiApi.Refit.Emulator.State.Sqlite;

/// <summary>
/// How a stored record becomes a row's JSON: every settable property of the record, whatever fields it gains, minus what is not
/// state (computed properties, the collections and records stored as rows of their own, a stream's ownership token).
/// </summary>
internal static class StoreJson
{
    private static readonly HashSet<Type> OwnRows = [typeof(AssistantRecord), typeof(ThreadRecord), typeof(MessageRecord), typeof(RunRecord), typeof(StepRecord)];

    private static readonly JsonSerializerOptions Options = Create();

    /// <summary>Serializes a record with its runtime type.</summary>
    /// <param name="record">The record.</param>
    /// <returns>The compact JSON.</returns>
    public static string Serialize(object record) => JsonSerializer.Serialize(record, record.GetType(), Options);

    /// <summary>Reads a record back.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="json">The JSON.</param>
    /// <returns>The record.</returns>
    public static T Deserialize<T>(string json)
        where T : class =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("The row holds null.");

    private static JsonSerializerOptions Create()
    {
        var resolver = new DefaultJsonTypeInfoResolver();
        resolver.Modifiers.Add(KeepRecordState);
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            AllowOutOfOrderMetadataProperties = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            MaxDepth = 64,
            TypeInfoResolver = resolver,
        };
        options.MakeReadOnly();
        return options;
    }

    private static void KeepRecordState(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object || typeInfo.Type.Namespace != typeof(ThreadRecord).Namespace)
        {
            return;
        }

        for (int i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            JsonPropertyInfo property = typeInfo.Properties[i];
            if (property.Set is null || property.PropertyType == typeof(object) || OwnRows.Contains(property.PropertyType))
            {
                typeInfo.Properties.RemoveAt(i);
            }
            else
            {
                // A record's nulls are written too: what is read back is exactly what was stored.
                property.ShouldSerialize = static (_, _) => true;
            }
        }
    }
}
