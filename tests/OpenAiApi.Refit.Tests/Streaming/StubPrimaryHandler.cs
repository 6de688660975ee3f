using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>The primary handler of the client in the stub fixtures: answers every attempt with a response the test builds (a body it
/// controls byte by byte), and records the requests with their bodies. The whole pipeline above it (Refit, retry, auth) is the real one.</summary>
internal sealed class StubPrimaryHandler : HttpMessageHandler
{
    public ConcurrentQueue<(HttpRequestMessage Request, string? Body)> Requests { get; } = new();

    public Func<HttpRequestMessage, HttpResponseMessage>? Respond { get; set; }

    /// <summary>A 200 event-stream response whose body is <paramref name="body"/>.</summary>
    public static HttpResponseMessage EventStream(Stream body)
    {
        var content = new StreamContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/event-stream");
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        response.Headers.TryAddWithoutValidation("x-request-id", "req_stub1");
        return response;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string? body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Enqueue((request, body));
        HttpResponseMessage response = (Respond ?? throw new InvalidOperationException("The test set no response."))(request);
        response.RequestMessage = request;
        return response;
    }
}
