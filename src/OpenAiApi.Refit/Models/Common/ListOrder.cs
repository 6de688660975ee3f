using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The sort order of a list by <c>created_at</c>.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<ListOrder>))]
public readonly record struct ListOrder(string Value) : IOpenEnum<ListOrder>, IFormattable
{
    /// <summary>Ascending order (oldest first).</summary>
    public static ListOrder Ascending { get; } = new("asc");

    /// <summary>Descending order (newest first).</summary>
    public static ListOrder Descending { get; } = new("desc");

    /// <inheritdoc />
    public bool IsKnown => Value is "asc" or "desc";

    /// <inheritdoc />
    static ListOrder IOpenEnum<ListOrder>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ListOrder(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Returns the wire value (Refit formats query values through this).</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>The wire value.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => ToString();
}
