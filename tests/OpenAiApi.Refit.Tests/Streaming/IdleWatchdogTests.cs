using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>The stream's idle timeout on a fake clock: only the time spent waiting for an event counts, and it fires on time.</summary>
public sealed class IdleWatchdogTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Test]
    public void WaitLongerThanTheTimeout_CancelsTheToken_AtTheTimeout()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(Timeout, CancellationToken.None, time);

        time.Advance(TimeSpan.FromSeconds(4)); // the caller is busy: not a wait
        watchdog.BeginWait();
        time.Advance(Timeout - TimeSpan.FromMilliseconds(1));
        Assert.That(watchdog.Token.IsCancellationRequested, Is.False, "1 ms before the timeout");

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.That(watchdog.Token.IsCancellationRequested, Is.True, "at the timeout");
        Assert.That(watchdog.IsCancellationRequested, Is.True);
    }

    [Test]
    public void ManyShortWaits_AndLongPausesBetweenThem_NeverCancel()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(Timeout, CancellationToken.None, time);

        for (int i = 0; i < 50; i++)
        {
            watchdog.BeginWait();
            time.Advance(TimeSpan.FromSeconds(9));
            watchdog.EndWait();
            time.Advance(TimeSpan.FromSeconds(30)); // the caller's own time between events
        }

        Assert.That(watchdog.Token.IsCancellationRequested, Is.False);
    }

    [Test]
    public void WaitStartingJustBeforeTheTimerChecks_IsMeasuredFromItsOwnStart()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(Timeout, CancellationToken.None, time);

        time.Advance(TimeSpan.FromSeconds(9));
        watchdog.BeginWait(); // the timer's first check comes 1 s into this wait
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(watchdog.Token.IsCancellationRequested, Is.False, "9 s into the wait");

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(watchdog.Token.IsCancellationRequested, Is.True, "10 s into the wait");
    }

    [Test]
    public void InfiniteTimeout_NeverCancels()
    {
        var time = new FakeTimeProvider();
        using var watchdog = new IdleWatchdog(System.Threading.Timeout.InfiniteTimeSpan, CancellationToken.None, time);

        watchdog.BeginWait();
        time.Advance(TimeSpan.FromDays(3));

        Assert.That(watchdog.Token.IsCancellationRequested, Is.False);
    }

    [Test]
    public void CallerCancels_CancelsTheToken()
    {
        var time = new FakeTimeProvider();
        using var caller = new CancellationTokenSource();
        using var watchdog = new IdleWatchdog(Timeout, caller.Token, time);

        caller.Cancel();

        Assert.That(watchdog.Token.IsCancellationRequested, Is.True);
    }

    [Test]
    public void TimerFiringAfterDispose_DoesNotThrow()
    {
        var time = new FakeTimeProvider();
        var watchdog = new IdleWatchdog(Timeout, CancellationToken.None, time);
        watchdog.BeginWait();
        watchdog.Dispose();

        Assert.DoesNotThrow(() => time.Advance(Timeout * 3));
    }
}
