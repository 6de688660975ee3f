using System.Text.Json;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>Type and range checks on a parsed body, with the real service's error wording. A property that is absent or
/// <c>null</c> counts as not given for the optional checks.</summary>
internal static class JsonChecks
{
    public static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        if (obj.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    public static bool IsPresent(JsonElement obj, string name) => obj.TryGetProperty(name, out _);

    public static string RequiredString(JsonElement obj, string name, string prefix, int? maxLength = null, int minLength = 0)
    {
        string param = prefix + name;
        if (!TryGet(obj, name, out JsonElement value))
        {
            throw ApiErrors.MissingParameter(param);
        }

        return StringValue(value, param, maxLength, minLength);
    }

    public static string? OptionalString(JsonElement obj, string name, string prefix, int? maxLength = null, int minLength = 0) =>
        TryGet(obj, name, out JsonElement value) ? StringValue(value, prefix + name, maxLength, minLength) : null;

    public static string StringValue(JsonElement value, string param, int? maxLength = null, int minLength = 0)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            throw ApiErrors.InvalidType(param, "a string", value);
        }

        string text = value.GetString()!;
        if (maxLength is int max && text.Length > max)
        {
            throw ApiErrors.StringTooLong(param, max, text.Length);
        }

        if (text.Length < minLength)
        {
            throw ApiErrors.StringTooShort(param, minLength, text.Length);
        }

        return text;
    }

    public static void OptionalEnum(JsonElement obj, string name, string prefix, params string[] supported)
    {
        if (OptionalString(obj, name, prefix) is string value && !supported.Contains(value, StringComparer.Ordinal))
        {
            throw ApiErrors.InvalidValue(prefix + name, value, supported);
        }
    }

    public static string RequiredEnum(JsonElement obj, string name, string prefix, params string[] supported)
    {
        string value = RequiredString(obj, name, prefix);
        return supported.Contains(value, StringComparer.Ordinal) ? value : throw ApiErrors.InvalidValue(prefix + name, value, supported);
    }

    public static void OptionalNumber(JsonElement obj, string name, string prefix, double min, double max)
    {
        if (!TryGet(obj, name, out JsonElement value))
        {
            return;
        }

        string param = prefix + name;
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw ApiErrors.InvalidType(param, "a number", value);
        }

        double number = value.GetDouble();
        if (number > max)
        {
            throw ApiErrors.AboveMaximum(param, max, number, integer: false);
        }

        if (number < min)
        {
            throw ApiErrors.BelowMinimum(param, min, number, integer: false);
        }
    }

    public static void OptionalInteger(JsonElement obj, string name, string prefix, long min, long max = int.MaxValue)
    {
        if (!TryGet(obj, name, out JsonElement value))
        {
            return;
        }

        string param = prefix + name;
        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long number))
        {
            throw ApiErrors.InvalidType(param, "an integer", value);
        }

        if (number > max)
        {
            throw ApiErrors.AboveMaximum(param, max, number, integer: true);
        }

        if (number < min)
        {
            throw ApiErrors.BelowMinimum(param, min, number, integer: true);
        }
    }

    public static bool? OptionalBoolean(JsonElement obj, string name, string prefix)
    {
        if (!TryGet(obj, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw ApiErrors.InvalidType(prefix + name, "a boolean", value),
        };
    }

    public static JsonElement? OptionalObject(JsonElement obj, string name, string prefix)
    {
        if (!TryGet(obj, name, out JsonElement value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw ApiErrors.InvalidType(prefix + name, "an object", value);
    }

    public static JsonElement? OptionalArray(JsonElement obj, string name, string prefix, int maxItems = int.MaxValue, int minItems = 0)
    {
        if (!TryGet(obj, name, out JsonElement value))
        {
            return null;
        }

        return ArrayValue(value, prefix + name, maxItems, minItems);
    }

    public static JsonElement ArrayValue(JsonElement value, string param, int maxItems = int.MaxValue, int minItems = 0)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            throw ApiErrors.InvalidType(param, "an array", value);
        }

        int length = value.GetArrayLength();
        if (length > maxItems)
        {
            throw ApiErrors.ArrayTooLong(param, maxItems, length);
        }

        if (length < minItems)
        {
            throw ApiErrors.ArrayTooShort(param, minItems, length);
        }

        return value;
    }

    public static void StringArray(JsonElement obj, string name, string prefix, int maxItems)
    {
        if (OptionalArray(obj, name, prefix, maxItems) is not JsonElement array)
        {
            return;
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            StringValue(item, $"{prefix}{name}[{index++}]");
        }
    }
}
