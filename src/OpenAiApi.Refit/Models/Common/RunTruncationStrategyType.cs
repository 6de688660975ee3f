using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>How a thread is truncated before a run.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunTruncationStrategyType>))]
public readonly record struct RunTruncationStrategyType(string Value) : IOpenEnum<RunTruncationStrategyType>
{
    /// <summary>Messages in the middle of the thread are dropped to fit the model's context length (the default).</summary>
    public static RunTruncationStrategyType Auto { get; } = new("auto");

    /// <summary>Only the most recent <see cref="RunTruncationStrategy.LastMessages"/> messages are kept.</summary>
    public static RunTruncationStrategyType LastMessages { get; } = new("last_messages");

    /// <inheritdoc />
    public bool IsKnown => Value is "auto" or "last_messages";

    /// <inheritdoc />
    static RunTruncationStrategyType IOpenEnum<RunTruncationStrategyType>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunTruncationStrategyType(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
