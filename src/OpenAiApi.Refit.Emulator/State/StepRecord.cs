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

    public required RunStepType Type { get; init; }

    public RunStepStatus Status { get; set; } = RunStepStatus.InProgress;

    public string? MessageId { get; init; }

    public IReadOnlyList<ToolCallRecord> ToolCalls { get; init; } = [];

    public long? CompletedAt { get; set; }

    public long? CancelledAt { get; set; }

    public long? FailedAt { get; set; }

    public long? ExpiredAt { get; set; }

    /// <summary>Gets or sets why the step failed.</summary>
    public RunLastError? LastError { get; set; }

    public int PromptTokens { get; set; }

    public int CompletionTokens { get; set; }

    public bool IsInProgress => Status == RunStepStatus.InProgress;

    public RunStep ToModel() => new()
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
        StepDetails = Type == RunStepType.MessageCreation
            ? new MessageCreationStepDetails { MessageCreation = new RunStepMessageCreation { MessageId = MessageId } }
            : new ToolCallsStepDetails
            {
                ToolCalls = [.. ToolCalls.Select(static c => new FunctionToolCall
                {
                    Id = c.Id,
                    Function = new FunctionToolCallDetails { Name = c.Name, Arguments = c.Arguments, Output = c.Output },
                })],
            },
        CompletedAt = CompletedAt,
        CancelledAt = CancelledAt,
        FailedAt = FailedAt,
        ExpiredAt = ExpiredAt,
        Metadata = new Dictionary<string, string>(),
        Usage = Status == RunStepStatus.InProgress
            ? null
            : new RunUsage { PromptTokens = PromptTokens, CompletionTokens = CompletionTokens, TotalTokens = PromptTokens + CompletionTokens },
    };
}
