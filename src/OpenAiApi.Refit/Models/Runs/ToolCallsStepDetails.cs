namespace OpenAiApi.Refit.Models;

/// <summary>The details of a run step that called tools.</summary>
public sealed class ToolCallsStepDetails : RunStepDetails
{
    /// <inheritdoc />
    public override string Type => "tool_calls";

    /// <summary>Gets the tool calls of the step.</summary>
    public IReadOnlyList<RunStepToolCall> ToolCalls { get; init => field = value ?? []; } = [];
}
