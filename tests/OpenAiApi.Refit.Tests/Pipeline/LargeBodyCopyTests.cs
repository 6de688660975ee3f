using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// A success body is read once into pooled memory and deserialized in place: no copy of it per call (such a copy of a page of messages
/// is an array on the large-object heap, a Gen2 collection every few pages). The body here is a valid page padded with 300 KB of
/// whitespace, which the JSON reader skips without allocating, so what a call allocates is the pipeline's own cost plus any copy of
/// the body. Not parallelizable: it measures the process's allocations.
/// </summary>
[NonParallelizable]
public sealed class LargeBodyCopyTests
{
    private const int Padding = 300 * 1024;

    [TestCase(true, TestName = "LargeSuccessBody_WithContentLength_IsNotCopiedPerCall")]
    [TestCase(false, TestName = "LargeSuccessBody_Chunked_IsNotCopiedPerCall")]
    [Property("ReliabilityRow", "21")]
    public async Task LargeSuccessBody_IsNotCopiedPerCall(bool withLength)
    {
        byte[] body = Encoding.UTF8.GetBytes(
            "{" + new string(' ', Padding) +
            "\"object\":\"list\",\"data\":[{\"id\":\"msg_1\",\"object\":\"thread.message\",\"thread_id\":\"thread_1\",\"role\":\"user\",\"content\":[]}]," +
            "\"first_id\":\"msg_1\",\"last_id\":\"msg_1\",\"has_more\":false}");
        var handler = new PaddedPageHandler(body, withLength);
        await using ServiceProvider provider = BuildProvider(
            new Uri("https://api.example.test/v1/"),
            new TestClock(),
            configureServices: services => services
                .AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName)
                .ConfigurePrimaryHttpMessageHandler(() => handler));
        IMessagesApi messages = provider.GetRequiredService<IMessagesApi>();
        for (int i = 0; i < 3; i++)
        {
            await messages.ListMessagesAsync("thread_1"); // warm-up: JIT, the array pool's first rent
        }

        long least = long.MaxValue;
        CursorPage<ThreadMessage>? page = null;
        for (int i = 0; i < 5; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            page = await messages.ListMessagesAsync("thread_1");
            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        Assert.Multiple(() =>
        {
            Assert.That(page!.Data.Select(m => m.Id), Is.EqualTo(new[] { "msg_1" }));
            Assert.That(page.HasMore, Is.False);
            Assert.That(least, Is.LessThan(Padding / 4), $"a call allocated {least:N0} bytes for a {body.Length:N0}-byte body");
            Assert.That(handler.Requests, Is.EqualTo(8));
        });
        TestContext.Out.WriteLine($"A call allocated {least:N0} bytes for a {body.Length:N0}-byte body.");
    }

    /// <summary>Answers every request with the page, with a Content-Length or without one (as a chunked body arrives).</summary>
    private sealed class PaddedPageHandler(byte[] body, bool withLength) : HttpMessageHandler
    {
        private int _requests;

        public int Requests => _requests;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            HttpContent content = withLength ? new ByteArrayContent(body) : new StreamContent(new UnknownLengthStream(body));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request, Content = content });
        }
    }

    /// <summary>A memory stream that does not tell its length, so the content has none.</summary>
    private sealed class UnknownLengthStream(byte[] body) : MemoryStream(body, writable: false)
    {
        public override bool CanSeek => false;
    }
}
