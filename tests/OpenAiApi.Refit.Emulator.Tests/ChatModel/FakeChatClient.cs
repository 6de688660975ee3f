using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.AI;

namespace OpenAiApi.Refit.Emulator.Tests.ChatModel;

/// <summary>
/// A scripted <see cref="IChatClient"/>: each streaming request takes the next <see cref="FakeTurn"/> the test queued, and the
/// test decides when each update arrives (or whether the call fails, or hangs until cancelled). Every request is recorded.
/// Signals, not sleeps: <see cref="FakeTurn.Started"/>, <see cref="FakeTurn.ConsumedAsync"/>, <see cref="FakeTurn.Cancelled"/>.
/// </summary>
public sealed class FakeChatClient : IChatClient
{
    private Channel<FakeTurn> _turns = Channel.CreateUnbounded<FakeTurn>();

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    /// <summary>Forgets queued turns and recorded requests. A call an earlier test left waiting for a turn (a run it never answered)
    /// waits on the old queue, which is closed: it fails instead of taking a turn queued for the next test.</summary>
    public void Reset()
    {
        Channel<FakeTurn> old = Interlocked.Exchange(ref _turns, Channel.CreateUnbounded<FakeTurn>());
        old.Writer.TryComplete();
        Requests.Clear();
    }

    /// <summary>Queues a turn the test drives.</summary>
    public FakeTurn Next()
    {
        var turn = new FakeTurn();
        Volatile.Read(ref _turns).Writer.TryWrite(turn);
        return turn;
    }

    /// <summary>Queues a turn that streams <paramref name="chunks"/>, then usage and a stop.</summary>
    public FakeTurn NextText(params string[] chunks)
    {
        FakeTurn turn = Next();
        foreach (string chunk in chunks)
        {
            turn.Text(chunk);
        }

        turn.Usage(11, chunks.Length).Finish(ChatFinishReason.Stop).End();
        return turn;
    }

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The emulator streams.");

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Channel<FakeTurn> turns = Volatile.Read(ref _turns); // the queue of the test in progress when the call started
        FakeTurn turn = await turns.Reader.ReadAsync(cancellationToken);
        Requests.Enqueue(new FakeRequest([.. messages], options?.Clone()));
        // The registration signals a cancellation the caller makes while nothing reads; the finally signals one the read observed.
        // Both are needed: cancellation callbacks run last-registered first, so the read's own callback can end this iterator and
        // dispose the registration before its callback runs (the rare hang of the cancel test).
        using CancellationTokenRegistration registration = cancellationToken.Register(() => turn.Cancelled.TrySetResult());
        try
        {
            turn.Started.TrySetResult();
            for (int consumed = 0; ; consumed++)
            {
                turn.MarkConsumed(consumed);
                if (!await turn.Updates.Reader.WaitToReadAsync(cancellationToken))
                {
                    break;
                }

                FakeStep step = await turn.Updates.Reader.ReadAsync(cancellationToken);
                if (step.Error is not null)
                {
                    throw step.Error;
                }

                yield return step.Update!;
            }
        }
        finally
        {
            if (cancellationToken.IsCancellationRequested)
            {
                turn.Cancelled.TrySetResult();
            }
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? new ChatClientMetadata("fake") : null;

    public void Dispose()
    {
    }
}

public sealed record FakeRequest(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options);

public sealed record FakeStep(ChatResponseUpdate? Update, Exception? Error);

/// <summary>One model call, driven by the test.</summary>
public sealed class FakeTurn
{
    private readonly object _gate = new();
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private int _consumed = -1;

    internal Channel<FakeStep> Updates { get; } = Channel.CreateUnbounded<FakeStep>();

    /// <summary>Completes when the emulator has sent the request.</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the emulator cancels the call.</summary>
    public TaskCompletionSource Cancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTurn Text(string text) => Send(new ChatResponseUpdate(ChatRole.Assistant, text));

    public FakeTurn Call(string callId, string name, string argumentsJson) => Send(new ChatResponseUpdate
    {
        Role = ChatRole.Assistant,
        Contents = [new FunctionCallContent(callId, name, JsonSerializer.Deserialize<Dictionary<string, object?>>(argumentsJson))],
    });

    public FakeTurn Usage(long input, long output) => Send(new ChatResponseUpdate
    {
        Contents = [new UsageContent(new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output })],
    });

    public FakeTurn Finish(ChatFinishReason reason) => Send(new ChatResponseUpdate { FinishReason = reason });

    public FakeTurn Fail(Exception error)
    {
        Updates.Writer.TryWrite(new FakeStep(null, error));
        return this;
    }

    /// <summary>Ends the stream.</summary>
    public void End() => Updates.Writer.TryComplete();

    /// <summary>Completes once the emulator has applied <paramref name="count"/> updates and asks for the next one.</summary>
    public Task ConsumedAsync(int count)
    {
        lock (_gate)
        {
            if (_consumed >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task;
        }
    }

    internal void MarkConsumed(int count)
    {
        lock (_gate)
        {
            _consumed = count;
            foreach ((int wanted, TaskCompletionSource signal) in _waiters.Where(w => w.Count <= count).ToList())
            {
                signal.TrySetResult();
                _waiters.Remove((wanted, signal));
            }
        }
    }

    public FakeTurn Send(ChatResponseUpdate update)
    {
        Updates.Writer.TryWrite(new FakeStep(update, null));
        return this;
    }
}
