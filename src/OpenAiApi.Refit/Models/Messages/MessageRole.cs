using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The entity that produced a message: <c>user</c> or <c>assistant</c>; other values round-trip unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<MessageRole>))]
public readonly record struct MessageRole(string Value) : IOpenEnum<MessageRole>
{
    /// <summary>The message comes from a user.</summary>
    public static MessageRole User { get; } = new("user");

    /// <summary>The message comes from the assistant.</summary>
    public static MessageRole Assistant { get; } = new("assistant");

    /// <inheritdoc />
    public bool IsKnown => Value is "user" or "assistant";

    /// <inheritdoc />
    static MessageRole IOpenEnum<MessageRole>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator MessageRole(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
