using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The kind of a run step.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunStepType>))]
public readonly record struct RunStepType(string Value) : IOpenEnum<RunStepType>
{
    /// <summary>The step created a message (see <see cref="MessageCreationStepDetails"/>).</summary>
    public static RunStepType MessageCreation { get; } = new("message_creation");

    /// <summary>The step called tools (see <see cref="ToolCallsStepDetails"/>).</summary>
    public static RunStepType ToolCalls { get; } = new("tool_calls");

    /// <inheritdoc />
    public bool IsKnown => Value is "message_creation" or "tool_calls";

    /// <inheritdoc />
    static RunStepType IOpenEnum<RunStepType>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunStepType(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
