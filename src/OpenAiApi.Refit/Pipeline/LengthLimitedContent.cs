using System.Net;
using System.Runtime.ExceptionServices;
using System.Text;
using OpenAiApi.Refit.Exceptions;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// A success body read through a byte limit (<see cref="OpenAIAssistantsClientOptions.MaxResponseContentLength"/>): the classification
/// handler puts it in place of a success body without a Content-Length (chunked; a declared length is checked up front instead), so
/// such a body is cut off at the limit instead of being buffered whole. Reading past the limit throws <see cref="OpenAIResponseValidationException"/> itself, so the
/// caller gets it whoever reads the body (the content serializer, or a handler that buffers it for logging) and no retry policy
/// takes it for a transport error. The failure sticks: Refit 16 buffers a success body (<c>LoadIntoBufferAsync</c>) before the
/// serializer reads it and ignores a buffering failure, then has the body read again, so every later read fails the same way
/// instead of reading a half-consumed connection. It also keeps the first bytes read, for error messages.
/// </summary>
internal sealed class LengthLimitedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Func<long, Exception> _tooLarge;
    private LengthLimitedStream? _stream;
    private OpenAIResponseValidationException? _failure;

    /// <summary>Initializes a new instance of the <see cref="LengthLimitedContent"/> class, in place of the content of
    /// <paramref name="response"/> (whose headers it copies).</summary>
    public LengthLimitedContent(HttpResponseMessage response, long maxBytes)
    {
        _inner = response.Content;
        MaxBytes = maxBytes;
        foreach (KeyValuePair<string, IEnumerable<string>> header in _inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        HttpStatusCode status = response.StatusCode;
        string? contentType = _inner.Headers.ContentType?.ToString();
        string? requestId = WireHeaders.RequestIdOf(response);
        _tooLarge = limit => _failure ??= new OpenAIResponseValidationException(
            $"The server answered HTTP {(int)status} with a body larger than the limit of {limit} bytes " +
            "(OpenAIAssistantsClientOptions.MaxResponseContentLength); reading stopped there.",
            status,
            contentType,
            requestId);
    }

    /// <summary>Gets the limit, in bytes.</summary>
    public long MaxBytes { get; }

    /// <summary>Gets the start of the body read so far (its first 256 bytes at most, as UTF-8 text).</summary>
    public string Prefix => _stream?.Prefix ?? string.Empty;

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken)
    {
        if (_failure is not null)
        {
            ExceptionDispatchInfo.Throw(_failure); // the body went over the limit on an earlier read (Refit's buffering)
        }

        Stream inner = await _inner.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        _stream = new LengthLimitedStream(inner, MaxBytes, _tooLarge);
        return _stream;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        Stream source = await CreateContentReadStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            await source.CopyToAsync(stream, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _stream?.Dispose();
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>A read-only stream that counts the bytes it passes on, keeps the first of them, and throws once they exceed the limit.</summary>
    private sealed class LengthLimitedStream(Stream inner, long maxBytes, Func<long, Exception> tooLarge) : ReadObservingStream(inner)
    {
        public const int PrefixLength = 256;

        private readonly byte[] _prefix = new byte[PrefixLength];
        private int _prefixCount;
        private long _total;

        public string Prefix => Encoding.UTF8.GetString(_prefix, 0, _prefixCount);

        protected override void OnRead(ReadOnlySpan<byte> read)
        {
            if (_prefixCount < PrefixLength && read.Length > 0)
            {
                int copy = Math.Min(read.Length, PrefixLength - _prefixCount);
                read[..copy].CopyTo(_prefix.AsSpan(_prefixCount));
                _prefixCount += copy;
            }

            _total += read.Length;
            if (_total > maxBytes)
            {
                throw tooLarge(maxBytes);
            }
        }
    }
}
