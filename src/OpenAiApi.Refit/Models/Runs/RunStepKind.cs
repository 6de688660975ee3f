using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The kind of a run step.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunStepKind>))]
public readonly record struct RunStepKind(string Value) : IOpenEnum<RunStepKind>
{
    /// <summary>The step created a message (see <see cref="MessageCreationStepDetails"/>).</summary>
    public static RunStepKind MessageCreation { get; } = new("message_creation");

    /// <summary>The step called tools (see <see cref="ToolCallsStepDetails"/>).</summary>
    public static RunStepKind ToolCalls { get; } = new("tool_calls");

    /// <inheritdoc />
    public bool IsKnown => Value is "message_creation" or "tool_calls";

    /// <inheritdoc />
    static RunStepKind IOpenEnum<RunStepKind>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunStepKind(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
