using System.Text;
using System.Threading.Channels;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>
/// A response body the test writes to while the client reads it, as a server holding the stream open would: <see cref="Write"/>
/// sends bytes, <see cref="Complete"/> ends the body cleanly, <see cref="Fail"/> makes the next read throw (a cut connection).
/// Reads honour their cancellation token; <see cref="Disposed"/> completes when the client disposes the body.
/// </summary>
internal sealed class ControlledSseStream : Stream
{
    private readonly Channel<object> _chunks = Channel.CreateUnbounded<object>(); // byte[] or Exception
    private readonly TaskCompletionSource _disposed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private ReadOnlyMemory<byte> _current;

    /// <summary>Gets a task that completes when the body is disposed.</summary>
    public Task Disposed => _disposed.Task;

    /// <summary>Gets the number of reads the client has started.</summary>
    public int ReadCount { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public void Write(string text) => _chunks.Writer.TryWrite(Encoding.UTF8.GetBytes(text));

    public void Complete() => _chunks.Writer.TryComplete();

    public void Fail(Exception exception)
    {
        _chunks.Writer.TryWrite(exception);
        _chunks.Writer.TryComplete();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        ReadCount++;
        while (_current.IsEmpty)
        {
            if (!await _chunks.Reader.WaitToReadAsync(cancellationToken))
            {
                return 0;
            }

            if (_chunks.Reader.TryRead(out object? chunk))
            {
                if (chunk is Exception exception)
                {
                    throw exception;
                }

                _current = (byte[])chunk;
            }
        }

        int count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        _disposed.TrySetResult();
        base.Dispose(disposing);
    }
}
