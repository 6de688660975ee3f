using System.Text.Json;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>One run step being streamed: the latest whole step the server sent, with the detail fragments applied since.</summary>
internal sealed class RunStepSnapshotBuilder(string id)
{
    private readonly SortedDictionary<int, ToolCallSnapshotBuilder> _toolCalls = [];
    private RunStep? _step;
    private string? _detailsType;
    private string? _messageId;
    private RunStepDetails? _otherDetails;
    private IDictionary<string, JsonElement>? _detailsAdditionalProperties;
    private RunStep? _snapshot;

    public string Id { get; } = id;

    public string? RunId => _step?.RunId;

    /// <summary>Takes a whole step: its fields win; its details replace the fragments when they carry tool calls or a message.</summary>
    public void Apply(RunStep step)
    {
        _step = step;
        switch (step.StepDetails)
        {
            case ToolCallsStepDetails toolCalls:
                _detailsType = toolCalls.Type;
                _detailsAdditionalProperties = toolCalls.AdditionalProperties ?? _detailsAdditionalProperties;
                if (toolCalls.ToolCalls.Count > 0)
                {
                    _toolCalls.Clear();
                    for (int i = 0; i < toolCalls.ToolCalls.Count; i++)
                    {
                        _toolCalls[i] = ToolCallSnapshotBuilder.From(toolCalls.ToolCalls[i]);
                    }
                }

                break;
            case MessageCreationStepDetails messageCreation:
                _detailsType = messageCreation.Type;
                _detailsAdditionalProperties = messageCreation.AdditionalProperties ?? _detailsAdditionalProperties;
                _messageId = messageCreation.MessageCreation?.MessageId ?? _messageId;
                break;
            case { } other:
                _detailsType = other.Type;
                _otherDetails = other;
                break;
        }

        _snapshot = null;
    }

    /// <summary>Applies the fragments of a <c>thread.run.step.delta</c>.</summary>
    public void Apply(RunStepDelta delta, DeltaIndexGuard guard)
    {
        switch (delta.Delta?.StepDetails)
        {
            case ToolCallsStepDeltaDetails toolCalls:
                foreach (RunStepDeltaToolCall fragment in toolCalls.ToolCalls)
                {
                    Check(fragment, guard); // the whole delta is checked before any of it is applied
                }

                _detailsType = toolCalls.Type;
                foreach (RunStepDeltaToolCall fragment in toolCalls.ToolCalls)
                {
                    int index = fragment.Index is { } i ? guard.Check(i, "a tool call") : IndexOf(fragment.Id) ?? guard.Next(_toolCalls, "a tool call");
                    if (!_toolCalls.TryGetValue(index, out ToolCallSnapshotBuilder? call) || call.Type != fragment.Type)
                    {
                        call = ToolCallSnapshotBuilder.For(fragment);
                        _toolCalls[index] = call;
                    }

                    call.Apply(fragment, guard);
                }

                break;
            case MessageCreationStepDeltaDetails messageCreation:
                _detailsType = messageCreation.Type;
                _messageId = messageCreation.MessageCreation?.MessageId ?? _messageId;
                break;
            case UnknownRunStepDeltaDetails unknown:
                _detailsType = unknown.Type;
                _otherDetails = new UnknownRunStepDetails(unknown.Type, unknown.RawJson);
                break;
        }

        _snapshot = null;
    }

    /// <summary>The tool calls as they stand, in index order.</summary>
    public IEnumerable<RunStepToolCall> BuildToolCalls() => _toolCalls.Values.Select(static call => call.Build());

    /// <summary>Builds the step as it stands (cached until the next change).</summary>
    public RunStep Build() => _snapshot ??= new RunStep
    {
        Id = Id,
        Object = _step?.Object ?? "thread.run.step",
        CreatedAt = _step?.CreatedAt,
        AssistantId = _step?.AssistantId,
        ThreadId = _step?.ThreadId,
        RunId = _step?.RunId,
        Type = _step?.Type ?? (_detailsType is { } type ? new RunStepKind(type) : (RunStepKind?)null),
        Status = _step?.Status,
        StepDetails = BuildDetails(),
        LastError = _step?.LastError,
        ExpiredAt = _step?.ExpiredAt,
        ExpiresAt = _step?.ExpiresAt,
        CancelledAt = _step?.CancelledAt,
        FailedAt = _step?.FailedAt,
        CompletedAt = _step?.CompletedAt,
        Metadata = _step?.Metadata,
        Usage = _step?.Usage,
        AdditionalProperties = _step?.AdditionalProperties,
    };

    private RunStepDetails? BuildDetails() => _detailsType switch
    {
        null => null,
        "tool_calls" => new ToolCallsStepDetails { ToolCalls = [.. BuildToolCalls()], AdditionalProperties = _detailsAdditionalProperties },
        "message_creation" => new MessageCreationStepDetails
        {
            MessageCreation = new RunStepMessageCreation { MessageId = _messageId },
            AdditionalProperties = _detailsAdditionalProperties,
        },
        _ => _otherDetails,
    };

    private static void Check(RunStepDeltaToolCall fragment, DeltaIndexGuard guard)
    {
        if (fragment.Index is { } index)
        {
            guard.Check(index, "a tool call");
        }

        if (fragment is CodeInterpreterToolCallDelta code)
        {
            foreach (CodeInterpreterOutputDelta output in code.CodeInterpreter?.Outputs ?? [])
            {
                if (output.Index is { } outputIndex)
                {
                    guard.Check(outputIndex, "a code interpreter output");
                }
            }
        }
    }

    private int? IndexOf(string? toolCallId)
    {
        if (string.IsNullOrEmpty(toolCallId))
        {
            return null;
        }

        foreach (KeyValuePair<int, ToolCallSnapshotBuilder> pair in _toolCalls)
        {
            if (pair.Value.Id == toolCallId)
            {
                return pair.Key;
            }
        }

        return null;
    }
}
