namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// A read-only, forward-only wrapper that passes every read through <see cref="OnRead"/> (which may count, copy or throw) and owns
/// the stream it wraps. The base of the two body limits: the success-body size limit and the per-event size limit of a stream.
/// </summary>
internal abstract class ReadObservingStream : Stream
{
    private readonly Stream _inner;

    /// <summary>Initializes a new instance of the <see cref="ReadObservingStream"/> class.</summary>
    /// <param name="inner">The stream to read from; disposed with this one.</param>
    protected ReadObservingStream(Stream inner)
    {
        _inner = inner;
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

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int read = _inner.Read(buffer);
        OnRead(buffer[..read]);
        return read;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int read = await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        OnRead(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await _inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sees the bytes of one read (possibly none, at the end of the stream) before the caller gets them.</summary>
    /// <param name="read">The bytes just read.</param>
    protected abstract void OnRead(ReadOnlySpan<byte> read);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
