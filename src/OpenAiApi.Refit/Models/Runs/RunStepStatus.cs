using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The status of a run step.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunStepStatus>))]
public readonly record struct RunStepStatus(string Value) : IOpenEnum<RunStepStatus>
{
    /// <summary>The step is executing.</summary>
    public static RunStepStatus InProgress { get; } = new("in_progress");

    /// <summary>The step was cancelled.</summary>
    public static RunStepStatus Cancelled { get; } = new("cancelled");

    /// <summary>The step failed (see <see cref="RunStep.LastError"/>).</summary>
    public static RunStepStatus Failed { get; } = new("failed");

    /// <summary>The step completed.</summary>
    public static RunStepStatus Completed { get; } = new("completed");

    /// <summary>The step expired because its run expired.</summary>
    public static RunStepStatus Expired { get; } = new("expired");

    /// <inheritdoc />
    public bool IsKnown => Value is "in_progress" or "cancelled" or "failed" or "completed" or "expired";

    /// <inheritdoc />
    static RunStepStatus IOpenEnum<RunStepStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunStepStatus(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
