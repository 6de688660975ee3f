namespace OpenAiApi.Refit.Streaming;

/// <summary>A read-only wrapper that fails once more than a set number of bytes arrive without a complete event
/// (<see cref="EventCompleted"/> resets the count), so a server cannot make the SSE parser buffer without end.</summary>
internal sealed class EventSizeLimitingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _maxBytesPerEvent;
    private long _bytesSinceEvent;

    public EventSizeLimitingStream(Stream inner, long maxBytesPerEvent)
    {
        _inner = inner;
        _maxBytesPerEvent = maxBytesPerEvent;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Called when the parser completes an event.</summary>
    public void EventCompleted() => _bytesSinceEvent = 0;

    public override int Read(byte[] buffer, int offset, int count) => Count(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int Count(int read)
    {
        _bytesSinceEvent += read;
        if (_bytesSinceEvent > _maxBytesPerEvent)
        {
            throw new InvalidDataException($"More than {_maxBytesPerEvent} bytes arrived without a complete event.");
        }

        return read;
    }
}
