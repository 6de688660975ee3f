using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// Sends a run as server-sent events, driving it as it goes: whenever everything produced so far has been sent, the run takes
/// its next transition, until it finishes or waits for tool outputs; then <c>done</c>. A stream fault, if armed, strikes here.
/// </summary>
internal sealed class RunStreamer
{
    private static readonly TimeSpan ResetGrace = TimeSpan.FromMilliseconds(50);

    private readonly AssistantsEmulatorOptions _options;
    private readonly EmulatorStore _store;
    private readonly RunEngine _engine;
    private readonly FaultInjector _faults;
    private readonly IHostApplicationLifetime _lifetime;

    public RunStreamer(AssistantsEmulatorOptions options, EmulatorStore store, RunEngine engine, FaultInjector faults, IHostApplicationLifetime lifetime)
    {
        _options = options;
        _store = store;
        _engine = engine;
        _faults = faults;
        _lifetime = lifetime;
    }

    /// <summary>Builds the response for a run a stream has been attached to.</summary>
    /// <param name="context">The request.</param>
    /// <param name="thread">The run's thread.</param>
    /// <param name="run">The run.</param>
    /// <param name="owner">The stream's token from <see cref="RunEngine.AttachStream"/>.</param>
    /// <returns>The event-stream result.</returns>
    public IResult Respond(HttpContext context, ThreadRecord thread, RunRecord run, object owner)
    {
        context.Response.Headers.CacheControl = "no-cache";
        FaultSpec? fault = _faults.TakeStreamFault();
        return TypedResults.ServerSentEvents(StreamAsync(context, thread, run, owner, fault, context.RequestAborted));
    }

    private async IAsyncEnumerable<SseItem<string>> StreamAsync(
        HttpContext context,
        ThreadRecord thread,
        RunRecord run,
        object owner,
        FaultSpec? fault,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        int sent = 0;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
            cancellationToken, _lifetime.ApplicationStopping);
        cancellationToken = stopping.Token;
        try
        {
            bool finished = false;
            while (!finished)
            {
                List<RunStreamEvent> batch = NextBatch(thread, run, owner, out finished, out Task? modelChange);
                if (modelChange is not null)
                {
                    // A model-backed run works in the background: wait for its next change.
                    await modelChange.WaitAsync(cancellationToken);
                    continue;
                }

                if (finished)
                {
                    batch.Add(new RunStreamEvent("done", "[DONE]"));
                }

                foreach (SseItem<string> item in Expand(batch))
                {
                    if (fault is not null && sent == fault.After)
                    {
                        switch (fault.Kind)
                        {
                            case FaultKind.CutStream when fault.EndCleanly:
                                yield break;
                            case FaultKind.CutStream:
                                // Give the events already written a moment to leave before the reset discards what is unsent.
                                await Task.Delay(ResetGrace, TimeProvider.System, cancellationToken);
                                context.Abort();
                                yield break;
                            case FaultKind.StreamError:
                                yield return new SseItem<string>(
                                    EmulatorJson.Serialize(new ErrorBody("The stream failed (injected by the emulator's fault injection).", "server_error", null, "server_error")),
                                    "error");
                                yield break;
                            default:
                                await Task.Delay(fault.Delay ?? Timeout.InfiniteTimeSpan, _options.TimeProvider, cancellationToken);
                                fault = null;
                                break;
                        }
                    }

                    if (sent > 0 && _options.Timing.StreamEventDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(_options.Timing.StreamEventDelay, _options.TimeProvider, cancellationToken);
                    }

                    yield return item;
                    sent++;
                }
            }
        }
        finally
        {
            lock (thread.Gate)
            {
                _engine.DetachStream(run, owner);
                _store.Commit(thread);
            }
        }
    }

    /// <summary>Turns a batch taken under the lock into SSE items, cutting text deltas here, outside the lock, one at a time.</summary>
    private static IEnumerable<SseItem<string>> Expand(List<RunStreamEvent> batch)
    {
        foreach (RunStreamEvent e in batch)
        {
            if (e.DeltaText is null)
            {
                yield return new SseItem<string>(e.Data, e.Name);
                continue;
            }

            foreach (string chunk in ScriptedModel.Chunk(e.DeltaText))
            {
                yield return new SseItem<string>(EmulatorJson.Serialize(new MessageDelta
                {
                    Id = e.Data,
                    Object = RunStreamEvent.MessageDelta,
                    Delta = new MessageDeltaBody
                    {
                        Content = [new TextMessageDeltaContent { Index = 0, Text = new MessageTextDelta { Value = chunk, Annotations = [] } }],
                    },
                }), RunStreamEvent.MessageDelta);
            }
        }
    }

    private List<RunStreamEvent> NextBatch(ThreadRecord thread, RunRecord run, object owner, out bool finished, out Task? modelChange)
    {
        modelChange = null;
        lock (thread.Gate)
        {
            if (!ReferenceEquals(run.StreamOwner, owner) || thread.Deleted)
            {
                finished = true;
                return [];
            }

            if (run.PendingEvents.Count == 0 && run.IsActive && run.Status != RunStatus.RequiresAction)
            {
                if (_engine.RunsInBackground)
                {
                    modelChange = _engine.ModelChange(run);
                    finished = false;
                    if (modelChange is not null)
                    {
                        return [];
                    }
                }
                else
                {
                    _engine.Transition(thread, run, _engine.Now);
                    _store.Commit(thread);
                }
            }

            List<RunStreamEvent> batch = [.. run.PendingEvents];
            run.PendingEvents.Clear();
            finished = batch.Count == 0;
            return batch;
        }
    }
}
