using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The status of a run.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunStatus>))]
public readonly record struct RunStatus(string Value) : IOpenEnum<RunStatus>
{
    /// <summary>The run is waiting to start.</summary>
    public static RunStatus Queued { get; } = new("queued");

    /// <summary>The run is executing.</summary>
    public static RunStatus InProgress { get; } = new("in_progress");

    /// <summary>The run waits for the outputs of its tool calls (see <see cref="ThreadRun.RequiredAction"/>).</summary>
    public static RunStatus RequiresAction { get; } = new("requires_action");

    /// <summary>The run is being cancelled.</summary>
    public static RunStatus Cancelling { get; } = new("cancelling");

    /// <summary>The run was cancelled.</summary>
    public static RunStatus Cancelled { get; } = new("cancelled");

    /// <summary>The run failed (see <see cref="ThreadRun.LastError"/>).</summary>
    public static RunStatus Failed { get; } = new("failed");

    /// <summary>The run completed.</summary>
    public static RunStatus Completed { get; } = new("completed");

    /// <summary>The run ended because it reached a token limit (see <see cref="ThreadRun.IncompleteDetails"/>).</summary>
    public static RunStatus Incomplete { get; } = new("incomplete");

    /// <summary>The run expired before it finished.</summary>
    public static RunStatus Expired { get; } = new("expired");

    /// <inheritdoc />
    public bool IsKnown => Value is "queued" or "in_progress" or "requires_action" or "cancelling" or "cancelled" or "failed"
        or "completed" or "incomplete" or "expired";

    /// <summary>Gets a value indicating whether the run has ended and will not change any more
    /// (<c>cancelled</c>, <c>failed</c>, <c>completed</c>, <c>incomplete</c> or <c>expired</c>).</summary>
    public bool IsTerminal => Value is "cancelled" or "failed" or "completed" or "incomplete" or "expired";

    /// <inheritdoc />
    static RunStatus IOpenEnum<RunStatus>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunStatus(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;
}
