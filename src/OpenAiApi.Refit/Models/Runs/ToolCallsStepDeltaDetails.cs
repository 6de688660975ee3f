namespace OpenAiApi.Refit.Models;

/// <summary>The changed details of a run step that calls tools.</summary>
public sealed class ToolCallsStepDeltaDetails : RunStepDeltaDetails
{
    /// <inheritdoc />
    public override string Type => "tool_calls";

    /// <summary>Gets the fragments of the tool calls, each identified by its <see cref="RunStepDeltaToolCall.Index"/>.</summary>
    public IReadOnlyList<RunStepDeltaToolCall> ToolCalls { get; init => field = value ?? []; } = [];
}
