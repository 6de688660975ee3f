using System.Collections.Concurrent;

namespace OpenAiApi.Refit.Emulator.Tests.Infrastructure;

/// <summary>A clock whose timers fire at once and remember the delay asked for: retries, slow faults and stalls run instantly
/// while the delays stay observable.</summary>
public sealed class RecordingTimeProvider : TimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _delays = new();

    public DateTimeOffset Now { get; set; } = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    /// <summary>Gets the shortest delay that runs on the real clock instead of firing at once, or <see langword="null"/> (the default)
    /// for none. The client's clock sets it, so that the deadlines of its helpers (a wait's timeout, a tool call's timeout) never fire
    /// during a test, while its backoffs and poll intervals pass at once.</summary>
    public TimeSpan? RealTimeFrom { get; init; }

    public void Clear() => _delays.Clear();

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan && dueTime >= RealTimeFrom)
        {
            _delays.Enqueue(dueTime);
            return System.CreateTimer(callback, state, dueTime, period);
        }

        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
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
