namespace OpenAiApi.Refit.Streaming;

/// <summary>
/// Cancels its token once a read of the event stream has waited longer than the idle timeout without any byte arriving (an event, or
/// only a keep-alive comment: see <see cref="Progress"/>); the time the caller spends between reads does not count. Per event it only stamps when a wait starts and clears the stamp when the wait ends: resetting a
/// <see cref="CancellationTokenSource.CancelAfter(TimeSpan)"/> timer twice per event cost a tenth of the reader's time
/// (docs/benchmarks.md). One timer looks at the stamp and re-arms itself for what is left of the timeout.
/// </summary>
internal sealed class IdleWatchdog : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;
    private readonly ITimer? _timer;
    private long _waitingSince; // the timestamp at which the current wait started; 0 while not waiting

    /// <summary>Initializes a new instance of the <see cref="IdleWatchdog"/> class.</summary>
    /// <param name="timeout">The longest wait for one event, or <see cref="Timeout.InfiniteTimeSpan"/>.</param>
    /// <param name="cancellationToken">The caller's token, linked into <see cref="Token"/>.</param>
    /// <param name="time">The clock (the system's by default).</param>
    public IdleWatchdog(TimeSpan timeout, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _time = time ?? TimeProvider.System;
        _timeout = timeout;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = _time.CreateTimer(static state => ((IdleWatchdog)state!).Check(), this, timeout, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Gets the token to read with: cancelled by the caller or by a wait that lasted longer than the timeout.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>Gets a value indicating whether <see cref="Token"/> has been cancelled (by the timeout, or by the caller).</summary>
    public bool IsCancellationRequested => _source.IsCancellationRequested;

    /// <summary>Marks the start of a wait for the next event.</summary>
    public void BeginWait()
    {
        if (_timer is not null)
        {
            Volatile.Write(ref _waitingSince, Math.Max(1, _time.GetTimestamp()));
        }
    }

    /// <summary>Restarts the current wait, if one is under way: bytes have arrived (a keep-alive comment, part of an event), so the
    /// connection is alive even though no event is complete yet.</summary>
    public void Progress()
    {
        if (_timer is not null && Volatile.Read(ref _waitingSince) != 0)
        {
            Volatile.Write(ref _waitingSince, Math.Max(1, _time.GetTimestamp()));
        }
    }

    /// <summary>Marks the end of a wait: the event (or the end of the stream) has arrived.</summary>
    public void EndWait() => Volatile.Write(ref _waitingSince, 0);

    /// <inheritdoc />
    public void Dispose()
    {
        _timer?.Dispose();
        _source.Dispose();
    }

    private void Check()
    {
        long since = Volatile.Read(ref _waitingSince);
        TimeSpan next = _timeout;
        if (since != 0)
        {
            TimeSpan waited = _time.GetElapsedTime(since);
            if (waited >= _timeout)
            {
                try
                {
                    _source.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // the stream ended while the timer fired
                }

                return;
            }

            next = _timeout - waited;
        }

        try
        {
            _timer!.Change(next, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // the stream ended while the timer fired
        }
    }
}
