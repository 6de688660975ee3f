using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>A stored run step: either <c>message_creation</c> (<see cref="MessageId"/>) or <c>tool_calls</c> (<see cref="ToolCalls"/>).</summary>
internal sealed class StepRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string RunId { get; init; }

    public required string ThreadId { get; init; }

    public required string AssistantId { get; init; }

    public required long CreatedAt { get; init; }

    public required RunStepKind Type { get; init; }

    public RunStepStatus Status { get; set; } = RunStepStatus.InProgress;

    public string? MessageId { get; init; }

    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];

    /// <summary>Gets the run's expiry, which the real service showed on each of its steps.</summary>
    public long? ExpiresAt { get; init; }

    public long? CompletedAt { get; set; }

    public long? CancelledAt { get; set; }

    public long? FailedAt { get; set; }

    public long? ExpiredAt { get; set; }

    /// <summary>Gets or sets why the step failed.</summary>
    public RunError? LastError { get; set; }

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public bool IsInProgress => Status == RunStepStatus.InProgress;

    /// <summary>Takes a snapshot for the wire.</summary>
    /// <param name="visibleCalls">How many tool calls to show (a streamed step starts with none and gets them as deltas), or
    /// <see langword="null"/> for all.</param>
    /// <returns>The snapshot.</returns>
    public RunStep ToModel(int? visibleCalls = null) => new()
    {
        Id = Id,
        Object = "thread.run.step",
        CreatedAt = CreatedAt,
        AssistantId = AssistantId,
        ThreadId = ThreadId,
        RunId = RunId,
        Type = Type,
        Status = Status,
        LastError = LastError,
        StepDetails = Type == RunStepKind.MessageCreation
            ? new MessageCreationStepDetails { MessageCreation = new RunStepMessageCreation { MessageId = MessageId } }
            : new ToolCallsStepDetails
            {
                ToolCalls = [.. ToolCalls.Take(visibleCalls ?? ToolCalls.Count).Select(static c => new FunctionToolCall
                {
                    Id = c.Id,
                    Function = new FunctionToolCallDetails { Name = c.Name, Arguments = c.Arguments, Output = c.Output },
                })],
            },
        CompletedAt = CompletedAt,
        CancelledAt = CancelledAt,
        FailedAt = FailedAt,
        ExpiredAt = ExpiredAt,
        ExpiresAt = ExpiresAt,
        Usage = Status == RunStepStatus.InProgress
            ? null
            : WireDefaults.Usage(PromptTokens, CompletionTokens),
    };
}
