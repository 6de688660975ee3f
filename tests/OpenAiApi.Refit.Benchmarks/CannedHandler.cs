using System.Net;
using System.Net.Http.Headers;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>
/// The in-memory server under all three clients: no sockets, the canned bytes of <see cref="Payloads"/> by route. It reads every
/// request body to its end (as a server would), so a client that serializes lazily pays for it like one that serializes eagerly.
/// With <see cref="Record"/> set it keeps what it was sent, for <c>--verify</c>.
/// </summary>
internal sealed class CannedHandler : HttpMessageHandler
{
    private static readonly Dictionary<string, byte[]>.AlternateLookup<ReadOnlySpan<char>> PageLookup =
        ((Dictionary<string, byte[]>)Payloads.Pages).GetAlternateLookup<ReadOnlySpan<char>>();

    public bool Record { get; init; }

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        byte[]? sent = null;
        if (request.Content is { } content)
        {
            if (Record)
            {
                sent = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
        }

        Uri uri = request.RequestUri ?? throw new InvalidOperationException("No request URI.");
        if (Record)
        {
            lock (Requests)
            {
                Requests.Add(new RecordedRequest(
                    request.Method.Method,
                    uri.PathAndQuery,
                    request.Headers.Authorization?.ToString(),
                    request.Headers.TryGetValues("OpenAI-Beta", out IEnumerable<string>? beta) ? string.Join(",", beta) : null,
                    sent));
            }
        }

        (byte[] body, string mediaType) = Route(request.Method, uri);
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new ByteArrayContent(body),
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue(mediaType) { CharSet = mediaType == "application/json" ? "utf-8" : null };
        response.Headers.TryAddWithoutValidation("x-request-id", "req_bench0001");
        return response;
    }

    private static (byte[] Body, string MediaType) Route(HttpMethod method, Uri uri)
    {
        string path = uri.AbsolutePath;
        if (method == HttpMethod.Get && path.EndsWith("/runs/" + Payloads.RunId, StringComparison.Ordinal))
        {
            return (Payloads.Run, "application/json");
        }

        if (method == HttpMethod.Get && path.EndsWith(Payloads.ListThreadId + "/messages", StringComparison.Ordinal))
        {
            return (Payloads.MessageList, "application/json");
        }

        if (method == HttpMethod.Get && path.EndsWith(Payloads.PagedThreadId + "/messages", StringComparison.Ordinal))
        {
            ReadOnlySpan<char> query = uri.Query;
            int at = query.IndexOf("after=", StringComparison.Ordinal);
            ReadOnlySpan<char> cursor = [];
            if (at >= 0)
            {
                cursor = query[(at + "after=".Length)..];
                int end = cursor.IndexOf('&');
                cursor = end >= 0 ? cursor[..end] : cursor;
            }

            return PageLookup.TryGetValue(cursor, out byte[]? page)
                ? (page, "application/json")
                : throw new InvalidOperationException($"No page after '{cursor}'.");
        }

        if (method == HttpMethod.Post && path.EndsWith(Payloads.CreateThreadId + "/messages", StringComparison.Ordinal))
        {
            return (Payloads.CreatedMessage, "application/json");
        }

        if (method == HttpMethod.Post && path.EndsWith(Payloads.StreamThreadId + "/runs", StringComparison.Ordinal))
        {
            return (Payloads.RunStream, "text/event-stream");
        }

        throw new InvalidOperationException($"No canned answer for {method} {uri}.");
    }
}

/// <summary>One request the handler was sent.</summary>
internal sealed record RecordedRequest(string Method, string PathAndQuery, string? Authorization, string? Beta, byte[]? Body);
