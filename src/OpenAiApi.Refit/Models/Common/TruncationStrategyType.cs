using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>How a thread is truncated before a run.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<TruncationStrategyType>))]
public readonly record struct TruncationStrategyType(string Value) : IOpenEnum<TruncationStrategyType>
{
    /// <summary>Messages in the middle of the thread are dropped to fit the model's context length (the default).</summary>
    public static TruncationStrategyType Auto { get; } = new("auto");

    /// <summary>Only the most recent <see cref="TruncationStrategy.LastMessages"/> messages are kept.</summary>
    public static TruncationStrategyType LastMessages { get; } = new("last_messages");

    /// <inheritdoc />
    public bool IsKnown => Value is "auto" or "last_messages";

    /// <inheritdoc />
    static TruncationStrategyType IOpenEnum<TruncationStrategyType>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TruncationStrategyType(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
