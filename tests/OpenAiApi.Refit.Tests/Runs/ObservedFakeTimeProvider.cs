using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace OpenAiApi.Refit.Tests.Runs;

/// <summary>A <see cref="FakeTimeProvider"/> (time moves only on <see cref="Advance"/>) that reports every timer created, so a
/// test can advance exactly when the code under test is waiting, with no race and no real sleep.</summary>
public sealed class ObservedFakeTimeProvider : TimeProvider
{
    private readonly FakeTimeProvider _fake = new();
    private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

    public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();

    public override long GetTimestamp() => _fake.GetTimestamp();

    public override long TimestampFrequency => _fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ITimer timer = _fake.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _timers.Writer.TryWrite(dueTime);
        }

        return timer;
    }

    /// <summary>Waits (at most 10 s of real time, as a safety net) for the next timer to be armed and returns its due time.</summary>
    public async Task<TimeSpan> NextTimerAsync() => await _timers.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    /// <summary>Moves the fake time forward, firing the timers that fall due.</summary>
    public void Advance(TimeSpan delta) => _fake.Advance(delta);
}
