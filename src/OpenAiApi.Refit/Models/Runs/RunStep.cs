using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A step in the execution of a run: a message creation or a set of tool calls (<c>thread.run.step</c>).</summary>
public sealed class RunStep
{
    /// <summary>Gets the id of the step.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread.run.step</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets when the step was created, in Unix seconds.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Gets the id of the assistant of the step.</summary>
    public string? AssistantId { get; init; }

    /// <summary>Gets the id of the thread that was run.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the id of the run the step belongs to.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the kind of the step.</summary>
    public RunStepKind? Type { get; init; }

    /// <summary>Gets the status of the step.</summary>
    public RunStepStatus? Status { get; init; }

    /// <summary>Gets the details of the step: <see cref="MessageCreationStepDetails"/> or <see cref="ToolCallsStepDetails"/>.</summary>
    public RunStepDetails? StepDetails { get; init; }

    /// <summary>Gets the last error of the step, or <see langword="null"/> when there is none.</summary>
    public RunError? LastError { get; init; }

    /// <summary>Gets when the step expired (because its run expired), in Unix seconds.</summary>
    public long? ExpiredAt { get; init; }

    /// <summary>Gets when the step will expire, in Unix seconds (sent by some servers; not in the published spec).</summary>
    public long? ExpiresAt { get; init; }

    /// <summary>Gets when the step was cancelled, in Unix seconds.</summary>
    public long? CancelledAt { get; init; }

    /// <summary>Gets when the step failed, in Unix seconds.</summary>
    public long? FailedAt { get; init; }

    /// <summary>Gets when the step completed, in Unix seconds.</summary>
    public long? CompletedAt { get; init; }

    /// <summary>Gets the metadata attached to the step.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the token usage of the step, or <see langword="null"/> while it is in progress.</summary>
    public RunTokenUsage? Usage { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
