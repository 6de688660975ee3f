using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The detail level of an image in message content: <c>auto</c>, <c>low</c> or <c>high</c>; other values round-trip unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<MessageImageDetail>))]
public readonly record struct MessageImageDetail(string Value) : IOpenEnum<MessageImageDetail>
{
    /// <summary>Let the server choose the detail level (the default).</summary>
    public static MessageImageDetail Auto { get; } = new("auto");

    /// <summary>Low resolution: fewer tokens.</summary>
    public static MessageImageDetail Low { get; } = new("low");

    /// <summary>High resolution: more tokens.</summary>
    public static MessageImageDetail High { get; } = new("high");

    /// <inheritdoc />
    public bool IsKnown => Value is "auto" or "low" or "high";

    /// <inheritdoc />
    static MessageImageDetail IOpenEnum<MessageImageDetail>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator MessageImageDetail(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
