using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace OpenAiApi.Refit.Testing;

/// <summary>What a <see cref="TestClock"/> does with a timer that is armed.</summary>
public enum TimerFiring
{
    /// <summary>Fires at once (on the thread pool), and the clock's <see cref="TestClock.Now"/> moves by the due time.</summary>
    AtOnce,

    /// <summary>Never fires (a deadline that must not pass during the test).</summary>
    Never,

    /// <summary>Fires on the real clock after the due time (a deadline that must exist but not fire in a passing test).</summary>
    RealTime,
}

/// <summary>
/// The one test clock of the test projects (linked into each from tests/Shared). Every timer armed is recorded
/// (<see cref="Delays"/>, <see cref="NextTimerAsync"/>), so the delays the code under test computes stay observable while
/// no test waits for them. Two ways to run:
/// <list type="bullet">
/// <item><description><c>new TestClock()</c>: each timer does what <see cref="Decide"/> says (default: fires at once), so
/// retries, polls and stalls run instantly; <see cref="FiringUpTo"/> and <see cref="RealTimeFrom"/> are the usual scripts.
/// Timestamps are the real ones.</description></item>
/// <item><description><see cref="Manual"/>: a <see cref="FakeTimeProvider"/> underneath; time (wall clock and timestamps)
/// moves only on <see cref="Advance"/>, which fires the timers that fall due. With <see cref="NextTimerAsync"/> a test
/// advances exactly when the code under test is waiting, with no race and no real sleep.</description></item>
/// </list>
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>Where <see cref="Now"/> starts.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider? _manual;
    private readonly ConcurrentQueue<TimeSpan> _delays = new();
    private readonly Channel<TimeSpan> _armed = Channel.CreateUnbounded<TimeSpan>();
    private readonly Lock _gate = new();
    private DateTimeOffset _now = Start;
    private int _count;

    /// <summary>Initializes a clock whose timers fire as <see cref="Decide"/> says (by default at once).</summary>
    public TestClock()
    {
    }

    private TestClock(FakeTimeProvider manual) => _manual = manual;

    /// <summary>Gets or sets the decision for a new timer: (1-based timer number, due time) → what it does. Not used by a
    /// <see cref="Manual"/> clock.</summary>
    public Func<int, TimeSpan, TimerFiring> Decide { get; init; } = static (_, _) => TimerFiring.AtOnce;

    /// <summary>Gets or sets the wall clock the code under test reads.</summary>
    public DateTimeOffset Now
    {
        get
        {
            if (_manual is not null)
            {
                return _manual.GetUtcNow();
            }

            lock (_gate)
            {
                return _now;
            }
        }

        set
        {
            if (_manual is not null)
            {
                _manual.SetUtcNow(value);
                return;
            }

            lock (_gate)
            {
                _now = value;
            }
        }
    }

    /// <summary>Gets the due times of the timers armed (an infinite one is not a timer), in order.</summary>
    public IReadOnlyList<TimeSpan> Delays => [.. _delays];

    /// <inheritdoc />
    public override long TimestampFrequency => _manual?.TimestampFrequency ?? base.TimestampFrequency;

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => _manual?.LocalTimeZone ?? base.LocalTimeZone;

    /// <summary>A clock whose timers fire at once up to <paramref name="limit"/> (polls) and never beyond it (tool-call timeouts).</summary>
    public static TestClock FiringUpTo(TimeSpan limit) =>
        new() { Decide = (_, due) => due <= limit ? TimerFiring.AtOnce : TimerFiring.Never };

    /// <summary>A clock whose timers fire at once below <paramref name="threshold"/> (backoffs, poll intervals) and on the real clock
    /// from it on (the deadlines of a wait or a tool call, which must exist but never fire in a passing test).</summary>
    public static TestClock RealTimeFrom(TimeSpan threshold) =>
        new() { Decide = (_, due) => due < threshold ? TimerFiring.AtOnce : TimerFiring.RealTime };

    /// <summary>A clock on a <see cref="FakeTimeProvider"/>: nothing moves until <see cref="Advance"/>.</summary>
    public static TestClock Manual() => new(new FakeTimeProvider());

    /// <summary>Forgets the recorded delays (the fixtures call it between tests).</summary>
    public void Clear()
    {
        _delays.Clear();
        while (_armed.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Waits (at most 10 s of real time, as a safety net) for the next timer to be armed and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _armed.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Moves the clock forward; on a <see cref="Manual"/> clock, fires the timers that fall due.</summary>
    public void Advance(TimeSpan delta)
    {
        if (_manual is not null)
        {
            _manual.Advance(delta);
            return;
        }

        lock (_gate)
        {
            _now += delta;
        }
    }

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => Now;

    /// <inheritdoc />
    public override long GetTimestamp() => _manual?.GetTimestamp() ?? base.GetTimestamp();

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (_manual is not null)
        {
            ITimer timer = _manual.CreateTimer(callback, state, dueTime, period);
            Record(dueTime);
            return timer;
        }

        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return new NoopTimer();
        }

        Record(dueTime);
        TimerFiring firing = Decide(Interlocked.Increment(ref _count), dueTime);
        switch (firing)
        {
            case TimerFiring.RealTime:
                return System.CreateTimer(callback, state, dueTime, period);
            case TimerFiring.AtOnce:
                Advance(dueTime);
                ThreadPool.QueueUserWorkItem(_ => callback(state));
                break;
        }

        return new NoopTimer();
    }

    private void Record(TimeSpan dueTime)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _delays.Enqueue(dueTime);
            _armed.Writer.TryWrite(dueTime);
        }
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
