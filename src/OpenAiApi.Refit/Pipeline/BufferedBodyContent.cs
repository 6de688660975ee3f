using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// A success body read whole by the classification handler, inside the attempt (so the attempt timeout and the caller's token bound
/// the read, and a body cut short is a transport failure that the retry policy sees), through the size limit, into one array rented
/// from <see cref="ArrayPool{T}.Shared"/> and given back when the response is disposed. It replaces the platform's
/// <see cref="HttpContent.LoadIntoBufferAsync()"/>, whose copy is an exact-size array: on the large-object heap from 85,000 bytes
/// (a page of messages), so each such call cost a Gen2 collection in time.
/// </summary>
/// <remarks>
/// Every reader gets the body: <see cref="HttpContent.ReadAsStreamAsync()"/> reads the rented array in place, the other readers get the
/// platform's behaviour (<see cref="HttpContent.ReadAsStringAsync()"/> and <see cref="HttpContent.LoadIntoBufferAsync()"/> make their own
/// copy). The content serializer reads <see cref="Body"/> directly. One platform copy is declined, on request only: Refit buffers every
/// success body before it deserializes it, and the client's exception factory, which Refit calls right before that, asks this
/// content to copy nothing that one time (<see cref="DeclineNextBuffering"/>), since the body is in memory already.
/// </remarks>
internal sealed class BufferedBodyContent : HttpContent
{
    /// <summary>The size of the first read of a body without a Content-Length (doubled as it fills).</summary>
    private const int InitialUnknownLength = 16 * 1024;

    /// <summary>The most bytes of the body's start kept for messages.</summary>
    private const int PrefixLength = 256;

    private byte[]? _buffer;
    private int _length;
    private bool _declineNextBuffering;

    private BufferedBodyContent(HttpContent original, byte[] buffer, int length)
    {
        _buffer = buffer;
        _length = length;
        // The values as they came, not parsed (parsing each header to enumerate it, as the validated view does, cost more than the rest
        // of this copy); whoever reads a header from this content parses it then, as the platform's own content would.
        foreach (KeyValuePair<string, HeaderStringValues> header in original.Headers.NonValidated)
        {
            if (header.Value.Count == 1)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value.ToString());
                continue;
            }

            foreach (string value in header.Value)
            {
                Headers.TryAddWithoutValidation(header.Key, value);
            }
        }
    }

    /// <summary>Gets the body. Valid until the content is disposed.</summary>
    public ReadOnlySpan<byte> Body => (_buffer ?? throw new ObjectDisposedException(nameof(BufferedBodyContent))).AsSpan(0, _length);

    /// <summary>Gets the length of the body, in bytes.</summary>
    public int Length => _length;

    /// <summary>Gets the start of the body (its first 256 bytes at most, as UTF-8 text), for messages.</summary>
    public string Prefix => _buffer is { } buffer ? Encoding.UTF8.GetString(buffer, 0, Math.Min(_length, PrefixLength)) : string.Empty;

    /// <summary>
    /// Reads the whole body of <paramref name="response"/> (success, not an event stream) and returns it as a content to put in place of
    /// the response's (whose headers it copies; the caller disposes the original).
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="maxBytes">The size limit: a body longer than this fails with the exception of <paramref name="tooLarge"/>.</param>
    /// <param name="tooLarge">Creates the exception for a body over the limit.</param>
    /// <param name="cancellationToken">The attempt's token.</param>
    /// <returns>The buffered content.</returns>
    public static async Task<BufferedBodyContent> ReadAsync(HttpResponseMessage response, long maxBytes, Func<Exception> tooLarge, CancellationToken cancellationToken)
    {
        HttpContent original = response.Content;
        int limit = (int)Math.Min(maxBytes, Array.MaxLength - 1); // one array holds the body
        long? declared = original.Headers.ContentLength;
        int capacity = declared is long known
            ? (int)Math.Min(known, limit) + 1 // one byte more: the end of the stream is seen without a second array
            : Math.Min(InitialUnknownLength, limit + 1);
        byte[]? buffer = ArrayPool<byte>.Shared.Rent(capacity);
        int length = 0;
        try
        {
            Stream stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                while (true)
                {
                    if (length == buffer.Length)
                    {
                        byte[] larger = ArrayPool<byte>.Shared.Rent((int)Math.Min((long)buffer.Length * 2, limit + 1L));
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                    if (length > limit)
                    {
                        throw tooLarge();
                    }
                }
            }

            var content = new BufferedBodyContent(original, buffer, length);
            buffer = null;
            return content;
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Makes the next <see cref="HttpContent.LoadIntoBufferAsync()"/> (Refit's) copy nothing instead of the body: called by the
    /// client's exception factory, which Refit calls right before it buffers a success body for the serializer, which reads
    /// <see cref="Body"/> in place. The platform's buffer is then empty (no array of the body's size, no exception thrown and caught
    /// per call), so a platform reader after that sees an empty body: none comes, Refit disposes the response once deserialized.</summary>
    public void DeclineNextBuffering() => _declineNextBuffering = true;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        if (_declineNextBuffering)
        {
            _declineNextBuffering = false;
            return Task.CompletedTask; // the declined copy: nothing is written (see DeclineNextBuffering)
        }

        byte[] buffer = _buffer ?? throw new ObjectDisposedException(nameof(BufferedBodyContent));
        return stream.WriteAsync(buffer.AsMemory(0, _length), cancellationToken).AsTask();
    }

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] buffer = _buffer ?? throw new ObjectDisposedException(nameof(BufferedBodyContent));
        stream.Write(buffer, 0, _length);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(CancellationToken.None));

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        Task.FromResult(CreateContentReadStream(cancellationToken));

    // Disposed with the content (which disposes the stream it handed out before giving the array back), so never read after that.
    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new MemoryStream(_buffer ?? throw new ObjectDisposedException(nameof(BufferedBodyContent)), 0, _length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        // The platform sizes its buffer from this length: a declined copy gets none (an empty buffer, no array of the body's size).
        length = _declineNextBuffering ? 0 : _length;
        return !_declineNextBuffering;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing); // first: disposes the stream handed out over the array
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
