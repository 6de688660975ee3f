using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>
/// A stored run and the engine's bookkeeping for it: when its next transition is due (polled runs), which stream drives it
/// (streamed runs) and the events waiting for that stream.
/// </summary>
internal sealed class RunRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string ThreadId { get; init; }

    public required string AssistantId { get; init; }

    public required long CreatedAt { get; init; }

    public RunStatus Status { get; set; } = RunStatus.Queued;

    public long? ExpiresAt { get; set; }

    public long? StartedAt { get; set; }

    public long? CancelledAt { get; set; }

    public long? FailedAt { get; set; }

    public long? CompletedAt { get; set; }

    public required string Model { get; init; }

    public required string Instructions { get; init; }

    public required IReadOnlyList<ToolDefinition> Tools { get; init; }

    public ToolResources? ToolResources { get; init; }

    public Dictionary<string, string> Metadata { get; set; } = [];

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxPromptTokens { get; init; }

    public int? MaxCompletionTokens { get; init; }

    public required RunTruncationStrategy TruncationStrategy { get; init; }

    public required ToolConstraint ToolChoice { get; init; }

    public bool ParallelToolCalls { get; init; } = true;

    public required AssistantResponseFormat ResponseFormat { get; init; }

    public string? ReasoningEffort { get; init; }

    /// <summary>Gets or sets the error of a failed run.</summary>
    public RunError? LastError { get; set; }

    /// <summary>Gets or sets why an <c>incomplete</c> run stopped (<c>max_completion_tokens</c>, <c>max_prompt_tokens</c>).</summary>
    public string? IncompleteReason { get; set; }

    /// <summary>Gets the steps, in creation order.</summary>
    public List<StepRecord> Steps { get; } = [];

    /// <summary>Gets or sets the tool calls awaiting outputs while the run is <c>requires_action</c>.</summary>
    public IReadOnlyList<ToolCallRecord>? RequiredToolCalls { get; set; }

    /// <summary>Gets or sets the message being written by the current <c>message_creation</c> step.</summary>
    public MessageRecord? CurrentMessage { get; set; }

    /// <summary>Gets or sets the turn of a model that answered at once (the scripted model), whose text <see cref="CurrentMessage"/>
    /// receives at the run's next transition.</summary>
    public TurnProgress? PendingTurn { get; set; }

    /// <summary>Gets or sets the moment the next polled transition is due.</summary>
    public DateTimeOffset NextTransitionAt { get; set; }

    /// <summary>Gets or sets the absolute expiry of an active run.</summary>
    public DateTimeOffset ExpiresAtTime { get; set; }

    /// <summary>Gets or sets the token of the stream that drives this run, or <see langword="null"/> when it is polled.</summary>
    public object? StreamOwner { get; set; }

    /// <summary>Gets the events produced while a stream is attached and not yet sent.</summary>
    public List<RunStreamEvent> PendingEvents { get; } = [];

    public bool IsActive => Status == RunStatus.Queued || Status == RunStatus.InProgress || Status == RunStatus.RequiresAction || Status == RunStatus.Cancelling;

    public bool IsTerminal => Status.IsTerminal;

    public StepRecord? CurrentStep => Steps.Count > 0 && Steps[^1].IsInProgress ? Steps[^1] : null;

    /// <summary>Records a stream event if a stream is attached (the snapshot is taken now, under the thread's lock). A snapshot of
    /// this run is sent in its streamed form (see <see cref="ToModel(bool)"/>).</summary>
    /// <param name="name">The event name.</param>
    /// <param name="snapshot">The model to send.</param>
    public void Emit(string name, object snapshot)
    {
        if (StreamOwner is not null)
        {
            object wire = snapshot is ThreadRun run && run.Id == Id ? ToModel(streamed: true) : snapshot;
            PendingEvents.Add(new RunStreamEvent(name, EmulatorJson.Serialize(wire)));
        }
    }

    /// <summary>Records the text deltas of a message if a stream is attached; the stream cuts them outside the thread's lock.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="text">The message text.</param>
    public void EmitTextDeltas(string messageId, string text)
    {
        if (StreamOwner is not null && text.Length > 0)
        {
            PendingEvents.Add(RunStreamEvent.TextDeltas(messageId, text));
        }
    }

    /// <summary>Takes a snapshot for the wire.</summary>
    /// <param name="streamed"><see langword="true"/> for a stream event: the real service's streamed runs showed
    /// <c>tool_resources.code_interpreter.file_ids: []</c> where its JSON answers showed <c>tool_resources: {}</c>.</param>
    /// <returns>The snapshot.</returns>
    public ThreadRun ToModel(bool streamed = false)
    {
        bool terminal = IsTerminal;
        int prompt = Steps.Sum(static s => s.PromptTokens);
        int completion = Steps.Sum(static s => s.CompletionTokens);
        return new ThreadRun
        {
            Id = Id,
            Object = "thread.run",
            CreatedAt = CreatedAt,
            ThreadId = ThreadId,
            AssistantId = AssistantId,
            Status = Status,
            RequiredAction = Status == RunStatus.RequiresAction && RequiredToolCalls is not null
                ? new RequiredAction
                {
                    Type = "submit_tool_outputs",
                    SubmitToolOutputs = new RunSubmitToolOutputs
                    {
                        ToolCalls = [.. RequiredToolCalls.Select(static c => new RunToolCall
                        {
                            Id = c.Id,
                            Type = "function",
                            Function = new RunToolCallFunction { Name = c.Name, Arguments = c.Arguments },
                        })],
                    },
                }
                : null,
            LastError = LastError,
            IncompleteDetails = IncompleteReason is null ? null : new RunIncompleteDetails { Reason = IncompleteReason },
            ExpiresAt = terminal ? null : ExpiresAt,
            StartedAt = StartedAt,
            CancelledAt = CancelledAt,
            FailedAt = FailedAt,
            CompletedAt = CompletedAt,
            Model = Model,
            Instructions = Instructions,
            Tools = [.. Tools],
            ToolResources = streamed ? WireDefaults.WithCodeInterpreterFileIds(ToolResources) : ToolResources,
            Metadata = new Dictionary<string, string>(Metadata),
            Usage = terminal ? WireDefaults.Usage(prompt, completion) : null,
            Temperature = Temperature,
            TopP = TopP,
            MaxPromptTokens = MaxPromptTokens,
            MaxCompletionTokens = MaxCompletionTokens,
            TruncationStrategy = TruncationStrategy,
            ToolChoice = ToolChoice,
            ParallelToolCalls = ParallelToolCalls,
            ResponseFormat = ResponseFormat,
            ReasoningEffort = ReasoningEffort,
        };
    }
}
