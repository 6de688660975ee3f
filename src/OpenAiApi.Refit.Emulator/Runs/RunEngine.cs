using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// Moves runs through their lifecycle: queued → in_progress → (requires_action → queued → in_progress →) completed, or
/// cancelling → cancelled, or expired. Every method runs under the thread's lock.
/// </summary>
/// <remarks>
/// Polled runs advance lazily: whenever a request touches their thread, every transition that is due
/// (<see cref="EmulatorRunTiming.TransitionDelay"/> apart, stamped with the time it was due) is applied. With zero delay a run
/// is <c>queued</c> in the create response and finished by the next request, deterministically and without background work.
/// Streamed runs are driven by their stream instead, one transition whenever the stream has sent everything so far.
/// </remarks>
internal sealed partial class RunEngine
{
    private readonly AssistantsEmulatorOptions _options;
    private readonly EmulatorStore _store;
    private readonly FaultInjector _faults;

    public RunEngine(AssistantsEmulatorOptions options, EmulatorStore store, FaultInjector faults)
    {
        _options = options;
        _store = store;
        _faults = faults;
        _store.ThreadDeleted = AbandonModelWork;
    }

    public DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <summary>Applies every due transition of the thread's polled runs.</summary>
    /// <param name="thread">The thread.</param>
    public void Advance(ThreadRecord thread)
    {
        DateTimeOffset now = Now;
        foreach (RunRecord run in thread.Runs)
        {
            if (RunsInBackground)
            {
                AdvanceModelBacked(thread, run, now);
                continue;
            }

            while (run.IsActive && run.StreamOwner is null)
            {
                if (run.Status != RunStatus.RequiresAction && run.NextTransitionAt <= now && run.NextTransitionAt < run.ExpiresAtTime)
                {
                    DateTimeOffset at = run.NextTransitionAt;
                    Transition(thread, run, at);
                    run.NextTransitionAt = at + _options.Timing.TransitionDelay;
                    continue;
                }

                if (now >= run.ExpiresAtTime)
                {
                    Expire(run, run.ExpiresAtTime);
                }

                break;
            }
        }
    }

    /// <summary>
    /// Settles the runs a restart interrupted (a thread loaded from a durable store, under its lock): a <c>queued</c> or
    /// <c>in_progress</c> run fails with <c>server_error</c> (its step fails, its half-written message ends incomplete), a
    /// <c>cancelling</c> run is cancelled, a <c>requires_action</c> run keeps waiting for its tool outputs.
    /// </summary>
    /// <param name="thread">The thread.</param>
    /// <returns>Whether a run changed.</returns>
    public bool RecoverAfterRestart(ThreadRecord thread)
    {
        long ts = Now.ToUnixTimeSeconds();
        bool changed = false;
        foreach (RunRecord run in thread.Runs)
        {
            if (!run.IsActive)
            {
                continue;
            }

            run.StreamOwner = null;
            run.CurrentMessage = thread.Messages.Find(m => m.RunId == run.Id && m.Status == MessageStatus.InProgress);
            if (run.Status == RunStatus.RequiresAction
                && run.CurrentStep is { Type.Value: "tool_calls" } step
                && run.RequiredToolCalls is { } required
                && required.Select(static c => c.Id).SequenceEqual(step.ToolCalls.Select(static c => c.Id)))
            {
                // The outputs go to the step's own calls, as before the restart.
                run.RequiredToolCalls = step.ToolCalls;
                continue;
            }

            changed = true;
            if (run.Status == RunStatus.Cancelling)
            {
                Stop(run, ts, RunStatus.Cancelled, RunStepStatus.Cancelled, "run_cancelled");
                run.CancelledAt = ts;
                continue;
            }

            var error = new RunError
            {
                Code = "server_error",
                Message = "The server restarted while this run was in progress; the run was stopped. Create a new run to continue.",
            };
            Stop(run, ts, RunStatus.Failed, RunStepStatus.Failed, "run_failed", error);
            run.FailedAt = ts;
            run.LastError = error;
        }

        return changed;
    }

    /// <summary>Creates a queued run on a thread (the caller has checked that no run is active).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="assistant">A snapshot of the assistant.</param>
    /// <param name="options">The run's options.</param>
    /// <param name="toolResources">The run's tool resources (create thread and run), or <see langword="null"/>.</param>
    /// <param name="additionalInstructions">Instructions appended to the assistant's.</param>
    /// <param name="additionalMessages">Messages added to the thread before the run, or <see langword="null"/>.</param>
    /// <returns>The run.</returns>
    public RunRecord CreateRun(
        ThreadRecord thread,
        Assistant assistant,
        RunSettings options,
        ToolResources? toolResources,
        string? additionalInstructions,
        IList<MessageCreationOptions>? additionalMessages)
    {
        DateTimeOffset now = Now;
        IReadOnlyList<ToolDefinition> tools = options.Tools is null ? [.. assistant.Tools] : WireDefaults.Tools(options.Tools);
        CheckModelTools(tools);
        if (options.ToolChoice is { IsSpecificTool: true, Type: "function", FunctionName: string name }
            && !tools.OfType<FunctionToolDefinition>().Any(f => f.Function.Name == name))
        {
            throw ApiErrors.BadRequest(
                $"Invalid 'tool_choice': the function '{ApiErrors.Shorten(name)}' is not one of the run's tools.", "tool_choice.function.name", "invalid_value");
        }

        foreach (MessageCreationOptions message in additionalMessages ?? [])
        {
            MessageFactory.Add(_store, now, thread, message);
        }

        string id = Ids.New("run_");
        string instructions = options.Instructions ?? assistant.Instructions ?? string.Empty;
        if (!string.IsNullOrEmpty(additionalInstructions))
        {
            instructions = instructions.Length == 0 ? additionalInstructions : instructions + "\n" + additionalInstructions;
        }

        var run = new RunRecord
        {
            Id = id,
            Sequence = _store.NextSequence(id),
            ThreadId = thread.Id,
            AssistantId = assistant.Id,
            CreatedAt = now.ToUnixTimeSeconds(),
            ExpiresAt = (now + _options.RunExpiration).ToUnixTimeSeconds(),
            ExpiresAtTime = now + _options.RunExpiration,
            NextTransitionAt = now + _options.Timing.TransitionDelay,
            Model = options.Model ?? assistant.Model ?? "gpt-4o",
            Instructions = instructions,
            Tools = tools,
            ToolResources = WireDefaults.RunResources(toolResources),
            Metadata = options.Metadata is null ? [] : new Dictionary<string, string>(options.Metadata),
            Temperature = options.Temperature ?? assistant.Temperature ?? 1.0,
            TopP = options.TopP ?? assistant.TopP ?? 1.0,
            MaxPromptTokens = options.MaxPromptTokens,
            MaxCompletionTokens = options.MaxCompletionTokens,
            TruncationStrategy = options.TruncationStrategy ?? new RunTruncationStrategy { Type = RunTruncationStrategyType.Auto },
            ToolChoice = options.ToolChoice ?? ToolConstraint.Auto,
            ParallelToolCalls = options.ParallelToolCalls ?? true,
            ResponseFormat = options.ResponseFormat ?? assistant.ResponseFormat ?? AssistantResponseFormat.Auto,
            ReasoningEffort = options.ReasoningEffort ?? assistant.ReasoningEffort,
        };

        thread.Runs.Add(run);
        StartModelWork(thread, run);
        return run;
    }

    /// <summary>Attaches a stream to a run: from now on the stream drives it and receives its events.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The stream's ownership token.</returns>
    public static object AttachStream(RunRecord run)
    {
        object owner = new();
        run.StreamOwner = owner;
        run.PendingEvents.Clear();
        return owner;
    }

    /// <summary>Detaches a stream (if it still owns the run) and hands the run back to polling.</summary>
    /// <param name="run">The run.</param>
    /// <param name="owner">The stream's token.</param>
    public void DetachStream(RunRecord run, object owner)
    {
        if (ReferenceEquals(run.StreamOwner, owner))
        {
            run.StreamOwner = null;
            run.PendingEvents.Clear();
            run.NextTransitionAt = Now;
        }
    }

    /// <summary>Applies one transition. Returns <see langword="false"/> when the run waits (requires_action) or is finished.</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="run">The run.</param>
    /// <param name="at">The moment the transition happens.</param>
    /// <returns>Whether something happened.</returns>
    public bool Transition(ThreadRecord thread, RunRecord run, DateTimeOffset at)
    {
        long ts = at.ToUnixTimeSeconds();
        if (run.Status == RunStatus.Queued)
        {
            run.Status = RunStatus.InProgress;
            run.StartedAt ??= ts;
            run.Emit("thread.run.in_progress", run.ToModel());
            return true;
        }

        if (run.Status == RunStatus.InProgress)
        {
            if (run.CurrentStep is null)
            {
                Decide(thread, run, ts);
            }
            else
            {
                FinishMessage(thread, run, ts);
            }

            return true;
        }

        if (run.Status == RunStatus.Cancelling)
        {
            Stop(run, ts, RunStatus.Cancelled, RunStepStatus.Cancelled, "run_cancelled");
            run.CancelledAt = ts;
            run.Emit("thread.run.cancelled", run.ToModel());
            return true;
        }

        return false;
    }

    /// <summary>Starts cancelling an active run.</summary>
    /// <param name="run">The run.</param>
    public void Cancel(RunRecord run)
    {
        if (!run.IsActive || run.Status == RunStatus.Cancelling)
        {
            throw ApiErrors.BadRequest($"Cannot cancel run with status '{run.Status}'.", null, "invalid_run_status");
        }

        run.Status = RunStatus.Cancelling;
        run.RequiredToolCalls = null;
        run.NextTransitionAt = Now + _options.Timing.TransitionDelay;
        run.Emit("thread.run.cancelling", run.ToModel());
        CancelModelWork(run);
    }

    /// <summary>Records the outputs of a <c>requires_action</c> run and queues it again.</summary>
    /// <param name="run">The run.</param>
    /// <param name="outputs">The outputs, checked against the required calls.</param>
    public void SubmitToolOutputs(RunRecord run, IReadOnlyList<ToolOutput> outputs)
    {
        if (run.Status != RunStatus.RequiresAction || run.RequiredToolCalls is not { } calls)
        {
            throw ApiErrors.BadRequest($"Runs in status \"{run.Status}\" do not accept tool outputs.", null, "invalid_run_status");
        }

        var byId = new Dictionary<string, ToolOutput>(StringComparer.Ordinal);
        for (int i = 0; i < outputs.Count; i++)
        {
            ToolOutput output = outputs[i];
            if (!calls.Any(c => c.Id == output.ToolCallId))
            {
                throw ApiErrors.BadRequest(
                    $"Invalid 'tool_outputs[{i}].tool_call_id': no tool call with id '{ApiErrors.Shorten(output.ToolCallId)}' is awaiting output on run {run.Id}.",
                    $"tool_outputs[{i}].tool_call_id",
                    "invalid_value");
            }

            if (!byId.TryAdd(output.ToolCallId, output))
            {
                throw ApiErrors.BadRequest(
                    $"Invalid 'tool_outputs[{i}].tool_call_id': duplicate output for tool call '{output.ToolCallId}'.", $"tool_outputs[{i}].tool_call_id", "invalid_value");
            }
        }

        string[] missing = [.. calls.Where(c => !byId.ContainsKey(c.Id)).Select(static c => c.Id)];
        if (missing.Length > 0)
        {
            throw ApiErrors.BadRequest(
                $"Expected tool outputs for call_ids [{string.Join(", ", calls.Select(static c => $"'{c.Id}'"))}], got [{string.Join(", ", byId.Keys.Select(static k => $"'{k}'"))}].",
                "tool_outputs",
                "missing_tool_outputs");
        }

        foreach (ToolCallRecord call in calls)
        {
            call.Output = byId[call.Id].Output ?? string.Empty;
        }

        // As the real service: the tool_calls step completes (with the outputs) before the run is queued again.
        if (run.CurrentStep is { Type.Value: "tool_calls" } toolStep)
        {
            toolStep.Status = RunStepStatus.Completed;
            toolStep.CompletedAt = Now.ToUnixTimeSeconds();
            run.Emit("thread.run.step.completed", toolStep.ToModel());
        }

        run.RequiredToolCalls = null;
        run.Status = RunStatus.Queued;
        run.NextTransitionAt = Now + _options.Timing.TransitionDelay;
        run.Emit("thread.run.queued", run.ToModel());
        StartModelWork(_store.GetThread(run.ThreadId), run);
    }

    private static void Expire(RunRecord run, DateTimeOffset at)
    {
        long ts = at.ToUnixTimeSeconds();
        Stop(run, ts, RunStatus.Expired, RunStepStatus.Expired, "run_expired");
        run.Emit("thread.run.expired", run.ToModel());
    }

    private static void Stop(RunRecord run, long ts, RunStatus runStatus, RunStepStatus stepStatus, string messageReason, RunError? error = null)
    {
        if (run.CurrentStep is StepRecord step)
        {
            step.Status = stepStatus;
            if (stepStatus == RunStepStatus.Cancelled)
            {
                step.CancelledAt = ts;
            }
            else if (stepStatus == RunStepStatus.Failed)
            {
                step.FailedAt = ts;
                step.LastError = error;
            }
            else
            {
                step.ExpiredAt = ts;
            }

            run.Emit("thread.run.step." + stepStatus, step.ToModel());
        }

        if (run.CurrentMessage is { Status.Value: "in_progress" } message)
        {
            message.Status = MessageStatus.Incomplete;
            message.IncompleteAt = ts;
            message.IncompleteReason = messageReason;
            run.Emit("thread.message.incomplete", message.ToModel());
        }

        run.CurrentMessage = null;
        run.PendingTurn = null;
        run.RequiredToolCalls = null;
        run.Status = runStatus;
    }

    private void Decide(ThreadRecord thread, RunRecord run, long ts)
    {
        if (_faults.TakeRunFault() is FaultSpec fault)
        {
            string code = fault.Code ?? "server_error";
            Fail(run, new RunError
            {
                Code = code,
                Message = code switch
                {
                    "rate_limit_exceeded" => "Rate limit reached (injected by the emulator's fault injection).",
                    "invalid_prompt" => "The prompt was rejected (injected by the emulator's fault injection).",
                    _ => "Sorry, something went wrong (injected by the emulator's fault injection).",
                },
            });
            return;
        }

        ModelTurn request = ModelConversation.Build(thread, run);
        if (OverPromptBudget(run, request))
        {
            EndIncomplete(run, "max_prompt_tokens");
            return;
        }

        // The model answers at once; its answer takes the run's transitions: the calls now, or the message now and its text next.
        var turn = new TurnProgress(request.Run.PromptTokens) { Pending = AnswerAtOnce(_model, request) };
        if (turn.Pending.Any(static u => u.Contents.Any(static c => c is FunctionCallContent)))
        {
            FinishTurn(thread, run, turn, ts);
            return;
        }

        StartMessage(thread, run, turn, ts);
        run.PendingTurn = turn;
    }

    /// <summary>Emits a new tool_calls step the way the real stream sent it: the step with no calls (created, in_progress),
    /// then each call as two deltas (id, name and empty arguments; then the arguments).</summary>
    private static void EmitToolCallStep(RunRecord run, StepRecord toolStep, List<ToolCallRecord> calls)
    {
        run.Emit("thread.run.step.created", toolStep.ToModel(visibleCalls: 0));
        run.Emit("thread.run.step.in_progress", toolStep.ToModel(visibleCalls: 0));
        for (int i = 0; i < calls.Count; i++)
        {
            run.Emit("thread.run.step.delta", ToolCallDelta(toolStep, i, new FunctionToolCallDelta
            {
                Index = i,
                Id = calls[i].Id,
                Function = new FunctionToolCallDetails { Name = calls[i].Name, Arguments = string.Empty, Output = null },
            }));
            run.Emit("thread.run.step.delta", ToolCallDelta(toolStep, i, new FunctionToolCallDelta
            {
                Index = i,
                Function = new FunctionToolCallDetails { Arguments = calls[i].Arguments },
            }));
        }
    }

    private static RunStepDelta ToolCallDelta(StepRecord step, int index, FunctionToolCallDelta call) => new()
    {
        Id = step.Id,
        Object = "thread.run.step.delta",
        Delta = new RunStepDeltaBody { StepDetails = new ToolCallsStepDeltaDetails { ToolCalls = [call] } },
    };

    /// <summary>Gets a value indicating whether the next turn's prompt (the emulator's count) would take the run over its
    /// <c>max_prompt_tokens</c>: the run then ends <c>incomplete</c> before the model is asked.</summary>
    private static bool OverPromptBudget(RunRecord run, ModelTurn request) =>
        run.MaxPromptTokens is int maxPrompt && run.Steps.Sum(static s => s.PromptTokens) + request.Run.PromptTokens > maxPrompt;

    /// <summary>Ends a run <c>incomplete</c> because a token limit was reached (no step was started).</summary>
    private static void EndIncomplete(RunRecord run, string reason)
    {
        run.Status = RunStatus.Incomplete;
        run.IncompleteReason = reason;
        run.Emit("thread.run.incomplete", run.ToModel());
    }

    /// <summary>Writes the pending answer of a model that answered at once into the message started for it, and ends the turn.</summary>
    private void FinishMessage(ThreadRecord thread, RunRecord run, long ts)
    {
        TurnProgress turn = run.PendingTurn ?? new TurnProgress(0) { Message = run.CurrentMessage, MessageStep = run.CurrentStep };
        run.PendingTurn = null;
        FinishTurn(thread, run, turn, ts);
    }

    private StepRecord NewStep(RunRecord run, long ts, RunStepKind type, string? messageId, IReadOnlyList<ToolCallRecord> calls)
    {
        string id = Ids.New("step_");
        return new StepRecord
        {
            Id = id,
            Sequence = _store.NextSequence(id),
            RunId = run.Id,
            ThreadId = run.ThreadId,
            AssistantId = run.AssistantId,
            CreatedAt = ts,
            ExpiresAt = run.ExpiresAt,
            Type = type,
            MessageId = messageId,
            ToolCalls = calls,
        };
    }
}
