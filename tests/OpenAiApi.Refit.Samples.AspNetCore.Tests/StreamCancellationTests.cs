using System.Net;
using System.Net.ServerSentEvents;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;
using static OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure.SampleHarness;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests;

/// <summary>A closed tab (the browser's request aborted) stops the run stream: the sample closes its connection to the server.</summary>
public sealed class StreamCancellationTests
{
    private SampleHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartSample() => _harness = await SampleHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopSample() => await _harness.DisposeAsync();

    [Test]
    public async Task StreamReply_BrowserDisconnects_ClosesTheUpstreamRunStream()
    {
        var probe = new UpstreamStreamProbe();
        using HttpClient http = _harness.CreateApp(configureServices: services =>
            services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).AddHttpMessageHandler(() => probe)).CreateClient();
        string threadId = await CreateThreadAsync(http);
        await PostMessageAsync(http, threadId, "a long answer please");
        _harness.Emulator.InjectFault("stall-stream;after=3"); // the server pauses after three events until its client goes away

        HttpResponseMessage response = await http.GetAsync($"/api/threads/{threadId}/stream", HttpCompletionOption.ResponseHeadersRead);
        Stream body = await response.Content.ReadAsStreamAsync();
        await using (IAsyncEnumerator<SseItem<string>> events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator())
        {
            Assert.That(await events.MoveNextAsync(), Is.True);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(events.Current.EventType, Is.EqualTo("run"));
                Assert.That(probe.Opened.IsCompleted, Is.True);
                Assert.That(probe.Closed.IsCompleted, Is.False, "the upstream stream is open while the browser listens");
            });
        }

        await body.DisposeAsync();
        response.Dispose(); // the tab closes

        await probe.Closed.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.That(probe.Closed.IsCompletedSuccessfully, Is.True);
    }

    /// <summary>Sits next to the socket handler of the sample's Assistants client and reports when the body of an event stream
    /// is handed out and when it is disposed (the client is done with the connection).</summary>
    private sealed class UpstreamStreamProbe : DelegatingHandler
    {
        private readonly TaskCompletionSource _opened = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Opened => _opened.Task;

        public Task Closed => _closed.Task;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentType?.MediaType != "text/event-stream")
            {
                return response;
            }

            Stream inner = await response.Content.ReadAsStreamAsync(cancellationToken);
            var observed = new StreamContent(new DisposeObservingStream(inner, () => _closed.TrySetResult()));
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Content.Headers)
            {
                observed.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = observed;
            _opened.TrySetResult();
            return response;
        }
    }

    private sealed class DisposeObservingStream(Stream inner, Action onDispose) : Stream
    {
        public override bool CanRead => inner.CanRead;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

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
                inner.Dispose();
                onDispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            onDispose();
            await base.DisposeAsync();
        }
    }
}
