using System.Text.Json;
using NUnit.Framework;
using WireMock.Logging;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>Small readers for what a logged request carried: the decoded query pairs, JSON property names, arrays.</summary>
internal static class Wire
{
    /// <summary>The query of a request as decoded (key, value) pairs in wire order; empty when there is no query.</summary>
    public static IReadOnlyList<(string Key, string Value)> QueryOf(ILogEntry entry)
    {
        string url = entry.RequestMessage.Url;
        int mark = url.IndexOf('?', StringComparison.Ordinal);
        if (mark < 0 || mark == url.Length - 1)
        {
            return [];
        }

        var pairs = new List<(string, string)>();
        foreach (string pair in url[(mark + 1)..].Split('&'))
        {
            int eq = pair.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? pair : pair[..eq];
            string value = eq < 0 ? string.Empty : pair[(eq + 1)..];
            pairs.Add((Uri.UnescapeDataString(key), Uri.UnescapeDataString(value)));
        }

        return pairs;
    }

    /// <summary>The names of the properties of a JSON object, in order.</summary>
    public static string[] Names(JsonElement obj)
    {
        Assert.That(obj.ValueKind, Is.EqualTo(JsonValueKind.Object), $"expected an object, got {obj}");
        return [.. obj.EnumerateObject().Select(p => p.Name)];
    }

    /// <summary>Asserts that a JSON object has exactly these properties (in any order).</summary>
    public static void AssertNames(JsonElement obj, params string[] names) =>
        Assert.That(Names(obj), Is.EquivalentTo(names), $"the properties of {obj}");

    /// <summary>The string items of a JSON array.</summary>
    public static string?[] Strings(JsonElement array)
    {
        Assert.That(array.ValueKind, Is.EqualTo(JsonValueKind.Array), $"expected an array, got {array}");
        return [.. array.EnumerateArray().Select(e => e.GetString())];
    }

    /// <summary>Parses a JSON text.</summary>
    public static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>Asserts that two JSON values are structurally equal (objects compared by property, not as strings).</summary>
    public static void AssertJson(JsonElement? actual, string expectedJson, string? what = null)
    {
        Assert.That(actual, Is.Not.Null, what);
        JsonElement expected = Parse(expectedJson);
        Assert.That(JsonElement.DeepEquals(actual!.Value, expected), Is.True, $"{what}: expected {expected} but was {actual}");
    }

    /// <summary>Asserts that a property is absent or null.</summary>
    public static void AssertAbsent(JsonElement obj, string name) =>
        Assert.That(obj.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null, Is.False, $"'{name}' should not be sent, body {obj}");
}
