using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// Model-backed runs: when a chat model answers runs (<see cref="UseModel"/>), each queued run is worked on in the background,
/// not on the next request: <c>in_progress</c>, then the model's text as message deltas the moment it streams them, then
/// <c>requires_action</c> for its function calls (arguments verbatim), or <c>completed</c> / <c>incomplete</c> (token limit) /
/// <c>failed</c> (the model's error as <c>last_error</c>). Cancelling a run cancels the model call; <c>expires_at</c> cancels it
/// too and expires the run; deleting the thread cancels it, and the work ends without writing to the thread. Streams send the
/// events as they happen. Every change made in the background is committed to the store before the thread's lock is released,
/// like a request's.
/// </summary>
internal sealed partial class RunEngine
{
    /// <summary>Compact JSON for the arguments of the model's calls (the chat client hands them over parsed).</summary>
    private static readonly JsonSerializerOptions ArgumentsJson = new(AIJsonUtilities.DefaultOptions) { WriteIndented = false };

    private readonly ConditionalWeakTable<RunRecord, ModelWork> _work = new();
    private IRunModel _model = ScriptedModel.Instance;
    private CancellationToken _stopping;

    /// <summary>Gets a value indicating whether runs progress in the background (a chat model answers them), not on requests.</summary>
    public bool RunsInBackground => !_model.AnswersAtOnce;

    /// <summary>Makes a model answer every run from now on (the scripted model answers until then).</summary>
    /// <param name="model">The model.</param>
    /// <param name="stopping">Cancelled when the server stops: the model calls in flight are abandoned.</param>
    public void UseModel(IRunModel model, CancellationToken stopping)
    {
        _model = model;
        _stopping = stopping;
    }

    /// <summary>Gets a task that completes when a model-backed run changes (under the thread's lock), or <see langword="null"/>
    /// when nothing works on the run.</summary>
    /// <param name="run">The run.</param>
    /// <returns>The task, or <see langword="null"/>.</returns>
    public Task? ModelChange(RunRecord run) =>
        RunsInBackground && _work.TryGetValue(run, out ModelWork? work) && work.Working ? work.Changed : null;

    /// <summary>Refuses the tools the model cannot run (before the run exists).</summary>
    /// <param name="tools">The run's tools.</param>
    private void CheckModelTools(IReadOnlyList<ToolDefinition> tools)
    {
        if (_model.FirstUnsupportedTool(tools) is (int index, string type))
        {
            throw ApiErrors.BadRequest(
                $"The emulator's chat-model backend cannot run '{ApiErrors.Shorten(type)}' tools (tools[{index}]): only function tools are supported. " +
                "Remove it from the assistant, or pass 'tools' on the run.",
                "tools",
                "unsupported_tool");
        }
    }

    /// <summary>Applies what is due to a model-backed run that nothing works on: a cancel, or the expiry.</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="run">The run.</param>
    /// <param name="now">The time.</param>
    private void AdvanceModelBacked(ThreadRecord thread, RunRecord run, DateTimeOffset now)
    {
        if (!run.IsActive || (_work.TryGetValue(run, out ModelWork? work) && work.Working))
        {
            return;
        }

        if (run.Status == RunStatus.Cancelling)
        {
            Transition(thread, run, now);
        }
        else if (now >= run.ExpiresAtTime)
        {
            Expire(run, run.ExpiresAtTime);
        }
    }

    /// <summary>Starts working on a queued run in the background (under the thread's lock; the work waits for it).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="run">The run.</param>
    private void StartModelWork(ThreadRecord thread, RunRecord run)
    {
        if (_model.AnswersAtOnce)
        {
            return; // the run advances on requests (Advance, the stream)
        }

        IRunModel model = _model;
        ModelWork work = _work.GetValue(run, static _ => new ModelWork());
        TimeSpan left = run.ExpiresAtTime - Now;
        var expiry = new CancellationTokenSource(left > TimeSpan.Zero ? left : TimeSpan.Zero, _options.TimeProvider);
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stopping, expiry.Token);
        work.Working = true;
        work.CancelRequested = false;
        work.Cancel = cancel;
        _ = Task.Run(() => WorkAsync(model, thread, run, work, expiry, cancel), CancellationToken.None);
    }

    /// <summary>Cancels the model call of a run being cancelled (under the thread's lock).</summary>
    /// <param name="run">The run.</param>
    private void CancelModelWork(RunRecord run)
    {
        if (_work.TryGetValue(run, out ModelWork? work) && work.Working && work.Cancel is CancellationTokenSource cancel)
        {
            work.CancelRequested = true;

            // Not inline: the callbacks must not run under the thread's lock.
            _ = cancel.CancelAsync();
        }
    }

    /// <summary>Cancels the model calls of a deleted thread's runs (under the thread's lock): the work ends without writing to it.</summary>
    /// <param name="thread">The deleted thread.</param>
    private void AbandonModelWork(ThreadRecord thread)
    {
        foreach (RunRecord run in thread.Runs)
        {
            if (_work.TryGetValue(run, out ModelWork? work) && work.Working && work.Cancel is CancellationTokenSource cancel)
            {
                // Not inline: the callbacks must not run under the thread's lock.
                _ = cancel.CancelAsync();
            }
        }
    }

    private async Task WorkAsync(IRunModel model, ThreadRecord thread, RunRecord run, ModelWork work, CancellationTokenSource expiry, CancellationTokenSource cancel)
    {
        CancellationToken token = cancel.Token;
        try
        {
            ModelTurn request;
            TurnProgress turn;
            lock (thread.Gate)
            {
                if (thread.Deleted || !run.IsActive)
                {
                    return;
                }

                if (run.Status != RunStatus.Queued)
                {
                    Transition(thread, run, Now); // cancelling → cancelled
                    _store.Commit(thread);
                    return;
                }

                Transition(thread, run, Now); // queued → in_progress (and the answered tool step completed)
                request = ModelConversation.Build(thread, run);
                if (OverPromptBudget(run, request) || request.Options.MaxOutputTokens == 0)
                {
                    // A token budget is spent: the run ends incomplete without asking the model.
                    EndIncomplete(run, request.Options.MaxOutputTokens == 0 ? "max_completion_tokens" : "max_prompt_tokens");
                    _store.Commit(thread);
                    return;
                }

                turn = new TurnProgress(request.Run.PromptTokens);
                _store.Commit(thread);
                work.Signal();
            }

            try
            {
                await foreach (ChatResponseUpdate update in model.RespondAsync(request, token).ConfigureAwait(false))
                {
                    lock (thread.Gate)
                    {
                        if (thread.Deleted || run.Status != RunStatus.InProgress)
                        {
                            break;
                        }

                        Apply(thread, run, turn, update, Now.ToUnixTimeSeconds());
                        _store.Commit(thread);
                        work.Signal();
                    }
                }

                lock (thread.Gate)
                {
                    if (!thread.Deleted && run.Status == RunStatus.InProgress)
                    {
                        FinishTurn(thread, run, turn, Now.ToUnixTimeSeconds());
                    }
                    else if (!thread.Deleted && run.Status == RunStatus.Cancelling)
                    {
                        Transition(thread, run, Now);
                    }

                    _store.Commit(thread);
                }
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                lock (thread.Gate)
                {
                    if (thread.Deleted)
                    {
                        // The thread was deleted: nothing to write.
                    }
                    else if (work.CancelRequested && run.Status == RunStatus.Cancelling)
                    {
                        Transition(thread, run, Now);
                    }
                    else if (expiry.IsCancellationRequested && run.IsActive)
                    {
                        Expire(run, run.ExpiresAtTime);
                    }

                    _store.Commit(thread);
                }
            }
#pragma warning disable CA1031 // Whatever the model throws becomes the run's last_error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                lock (thread.Gate)
                {
                    if (thread.Deleted)
                    {
                        // Nothing to write: the thread is gone (a client may answer its cancellation with another error).
                    }
                    else if (run.Status == RunStatus.InProgress)
                    {
                        Fail(run, model.ToLastError(ex));
                    }
                    else if (run.Status == RunStatus.Cancelling)
                    {
                        Transition(thread, run, Now);
                    }

                    _store.Commit(thread);
                }
            }
        }
        finally
        {
            lock (thread.Gate)
            {
                work.Working = false;
                work.Cancel = null;
                work.Signal();
            }

            cancel.Dispose();
            expiry.Dispose();
        }
    }

    /// <summary>Reads the whole answer of a model that answers at once (under the thread's lock: it never waits).</summary>
    /// <param name="model">The model.</param>
    /// <param name="request">The request.</param>
    /// <returns>The updates.</returns>
    private static List<ChatResponseUpdate> AnswerAtOnce(IRunModel model, ModelTurn request)
    {
        List<ChatResponseUpdate> updates = [];
        IAsyncEnumerator<ChatResponseUpdate> answer = model.RespondAsync(request, CancellationToken.None).GetAsyncEnumerator(CancellationToken.None);
        try
        {
            while (true)
            {
                ValueTask<bool> next = answer.MoveNextAsync();
                if (!next.IsCompleted)
                {
                    throw new InvalidOperationException($"{model.Description} says it answers at once, but its answer waits.");
                }

                if (!next.GetAwaiter().GetResult())
                {
                    return updates;
                }

                updates.Add(answer.Current);
            }
        }
        finally
        {
            ValueTask disposed = answer.DisposeAsync();
            if (disposed.IsCompleted)
            {
                disposed.GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Applies one update of the model to the run: text to its message (started by the first text), calls, usage, the
    /// finish reason. A model that answers at once has its text streamed word by word; otherwise each text update is one delta.</summary>
    private void Apply(ThreadRecord thread, RunRecord run, TurnProgress turn, ChatResponseUpdate update, long ts)
    {
        foreach (AIContent content in update.Contents)
        {
            switch (content)
            {
                case TextContent { Text: { Length: > 0 } text } when _model.AnswersAtOnce:
                    MessageRecord whole = turn.Message ?? StartMessage(thread, run, turn, ts);
                    whole.RunText += text;
                    run.EmitTextDeltas(whole.Id, text);
                    break;
                case TextContent { Text: { Length: > 0 } text }:
                    MessageRecord message = turn.Message ?? StartMessage(thread, run, turn, ts);
                    message.RunText += text;
                    run.Emit("thread.message.delta", new MessageDelta
                    {
                        Id = message.Id,
                        Object = "thread.message.delta",
                        Delta = new MessageDeltaBody
                        {
                            Content = [new TextMessageDeltaContent { Index = 0, Text = new MessageTextDelta { Value = text, Annotations = [] } }],
                        },
                    });
                    break;
                case FunctionCallContent call:
                    turn.Calls.Add(call);
                    break;
                case UsageContent { Details: UsageDetails usage }:
                    turn.Usage = usage;
                    break;
                case ErrorContent error:
                    throw new ModelRefusedException(error.Message);
            }
        }

        if (update.FinishReason is ChatFinishReason reason)
        {
            turn.FinishReason = reason;
        }
    }

    private MessageRecord StartMessage(ThreadRecord thread, RunRecord run, TurnProgress turn, long ts)
    {
        string messageId = Ids.New("msg_");
        var message = new MessageRecord
        {
            Id = messageId,
            Sequence = _store.NextSequence(messageId),
            ThreadId = thread.Id,
            CreatedAt = ts,
            Role = MessageRole.Assistant,
            Status = MessageStatus.InProgress,
            RunText = string.Empty,
            AssistantId = run.AssistantId,
            RunId = run.Id,
        };
        thread.Messages.Add(message);
        StepRecord step = NewStep(run, ts, RunStepKind.MessageCreation, messageId, []);
        run.Steps.Add(step);
        run.CurrentMessage = message;
        turn.Message = message;
        turn.MessageStep = step;
        run.Emit("thread.run.step.created", step.ToModel());
        run.Emit("thread.run.step.in_progress", step.ToModel());
        run.Emit("thread.message.created", message.ToModel());
        run.Emit("thread.message.in_progress", message.ToModel());
        return message;
    }

    /// <summary>Ends the model's turn (after applying the updates still pending): the message completed (or <c>incomplete</c> at a
    /// token limit), the steps' usage, then <c>requires_action</c> for the calls, or the run <c>completed</c> / <c>incomplete</c>.</summary>
    private void FinishTurn(ThreadRecord thread, RunRecord run, TurnProgress turn, long ts)
    {
        foreach (ChatResponseUpdate update in turn.Pending)
        {
            Apply(thread, run, turn, update, ts);
        }

        turn.Pending = [];
        bool truncated = turn.FinishReason == ChatFinishReason.Length;
        if (turn.Message is null && turn.Calls.Count == 0)
        {
            StartMessage(thread, run, turn, ts); // an empty answer is still a message
        }

        List<ToolCallRecord> calls = [.. turn.Calls.Select(static c => new ToolCallRecord
        {
            Id = string.IsNullOrEmpty(c.CallId) ? Ids.New("call_") : c.CallId,
            Name = c.Name,
            Arguments = c.Arguments is null ? "{}" : JsonSerializer.Serialize(c.Arguments, ArgumentsJson),
        })];
        int prompt = (int?)turn.Usage?.InputTokenCount ?? turn.PromptEstimate;
        int completion = (int?)turn.Usage?.OutputTokenCount
            ?? ModelConversation.CountTokens(turn.Message?.RunText) + calls.Sum(static c => ModelConversation.CountTokens(c.Name) + ModelConversation.CountTokens(c.Arguments));

        if (turn.Message is MessageRecord message && turn.MessageStep is StepRecord messageStep)
        {
            if (truncated && calls.Count == 0)
            {
                message.Status = MessageStatus.Incomplete;
                message.IncompleteAt = ts;
                message.IncompleteReason = "max_tokens";
                run.Emit("thread.message.incomplete", message.ToModel());
            }
            else
            {
                message.Status = MessageStatus.Completed;
                message.CompletedAt = ts;
                run.Emit("thread.message.completed", message.ToModel());
            }

            if (calls.Count == 0)
            {
                messageStep.PromptTokens = prompt;
                messageStep.CompletionTokens = completion;
            }

            messageStep.Status = RunStepStatus.Completed;
            messageStep.CompletedAt = ts;
            run.Emit("thread.run.step.completed", messageStep.ToModel());
            run.CurrentMessage = null;
        }

        if (calls.Count > 0)
        {
            StepRecord toolStep = NewStep(run, ts, RunStepKind.ToolCalls, messageId: null, calls);
            toolStep.PromptTokens = prompt;
            toolStep.CompletionTokens = completion;
            run.Steps.Add(toolStep);
            EmitToolCallStep(run, toolStep, calls);
            run.RequiredToolCalls = calls;
            run.Status = RunStatus.RequiresAction;
            run.Emit("thread.run.requires_action", run.ToModel());
            return;
        }

        if (truncated)
        {
            run.Status = RunStatus.Incomplete;
            run.IncompleteReason = "max_completion_tokens";
            run.Emit("thread.run.incomplete", run.ToModel());
            return;
        }

        run.Status = RunStatus.Completed;
        run.CompletedAt = ts;
        run.Emit("thread.run.completed", run.ToModel());
    }

    private void Fail(RunRecord run, RunError error)
    {
        long ts = Now.ToUnixTimeSeconds();
        if (run.CurrentStep is StepRecord step)
        {
            step.Status = RunStepStatus.Failed;
            step.FailedAt = ts;
            step.LastError = error;
            run.Emit("thread.run.step.failed", step.ToModel());
        }

        if (run.CurrentMessage is { Status.Value: "in_progress" } message)
        {
            message.Status = MessageStatus.Incomplete;
            message.IncompleteAt = ts;
            message.IncompleteReason = "run_failed";
            run.Emit("thread.message.incomplete", message.ToModel());
        }

        run.CurrentMessage = null;
        run.RequiredToolCalls = null;
        run.LastError = error;
        run.FailedAt = ts;
        run.Status = RunStatus.Failed;
        run.Emit("thread.run.failed", run.ToModel());
    }

    /// <summary>The background work on one run (read and written under the thread's lock).</summary>
    private sealed class ModelWork
    {
        private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Working { get; set; }

        public bool CancelRequested { get; set; }

        public CancellationTokenSource? Cancel { get; set; }

        public Task Changed => _changed.Task;

        public void Signal()
        {
            TaskCompletionSource changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            changed.TrySetResult();
        }
    }
}
