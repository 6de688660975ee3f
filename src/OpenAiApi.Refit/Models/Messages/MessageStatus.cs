using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The status of a message: <c>in_progress</c>, <c>incomplete</c> or <c>completed</c>; other values round-trip unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<MessageStatus>))]
public readonly record struct MessageStatus(string Value) : IOpenEnum<MessageStatus>
{
    /// <summary>The message is being generated.</summary>
    public static MessageStatus InProgress { get; } = new("in_progress");

    /// <summary>The message ended before it was complete; see <see cref="ThreadMessage.IncompleteDetails"/>.</summary>
    public static MessageStatus Incomplete { get; } = new("incomplete");

    /// <summary>The message is complete.</summary>
    public static MessageStatus Completed { get; } = new("completed");

    /// <inheritdoc />
    public bool IsKnown => Value is "in_progress" or "incomplete" or "completed";

    /// <inheritdoc />
    static MessageStatus IOpenEnum<MessageStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator MessageStatus(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
