using System.Collections.Concurrent;

namespace OpenAiApi.Refit.Tests.Runs;

/// <summary>A clock whose timers never wait for real: each timer created is recorded, then <see cref="Decide"/> says whether it fires at
/// once (on the thread pool) or never. Lets a test tell short timers (polls) from long ones (tool-call timeouts), or cancel at the
/// Nth delay deterministically.</summary>
public sealed class ScriptedTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _timers = new();
    private int _count;

    /// <summary>Gets or sets the decision for a new timer: (1-based timer number, due time) → fire at once?
    /// Default: fire every timer at once.</summary>
    public Func<int, TimeSpan, bool> Decide { get; set; } = static (_, _) => true;

    /// <summary>Gets the due times of the timers created, in order.</summary>
    public IReadOnlyList<TimeSpan> Timers => [.. _timers];

    /// <summary>Fires timers whose due time is at most <paramref name="limit"/>; longer ones never fire.</summary>
    public static ScriptedTimeProvider FiringUpTo(TimeSpan limit) => new() { Decide = (_, due) => due <= limit };

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new NoopTimer();
        }

        _timers.Enqueue(dueTime);
        if (Decide(Interlocked.Increment(ref _count), dueTime))
        {
            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NoopTimer();
    }

    private sealed class NoopTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
