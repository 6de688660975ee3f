using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Streaming;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Row 21 where WireMock cannot help: a body whose Content-Length announces it over the limit (WireMock, on Kestrel, sends
/// its bodies chunked) is refused before a byte is read; a body of unknown length is read once, up to the limit. A stub primary
/// handler answers and counts the reads of the body.</summary>
public sealed class BodyLimitStubTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions, ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const int Limit = 64 * 1024;

    private readonly StubPrimaryHandler _handler = new();

    [SetUp]
    public void ResetStub()
    {
        _handler.Respond = null;
        _handler.Requests.Clear();
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public void SuccessBodyWithContentLengthOverTheLimit_FailsWithoutReadingIt()
    {
        byte[] json = Encoding.UTF8.GetBytes($$"""{"id":"asst_abc123","object":"assistant","description":"{{new string('d', Limit)}}"}""");
        var body = new ReadCountingStream(json);
        _handler.Respond = _ =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            content.Headers.ContentLength = json.Length;
            var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
            response.Headers.TryAddWithoutValidation("x-request-id", "req_big");
            return response;
        };

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.RequestId, Is.EqualTo("req_big"));
            Assert.That(ex.ContentType, Does.StartWith("application/json"));
            Assert.That(ex.Message, Does.Contain($"a body of {json.Length} bytes").And.Contain($"limit of {Limit} bytes").And.Contain("MaxResponseContentLength"));
            Assert.That(ex.InnerException, Is.Null);
            Assert.That(body.Reads, Is.Zero, "the body was not read");
            Assert.That(body.Disposed, Is.True, "the response was disposed");
            Assert.That(_handler.Requests, Has.Count.EqualTo(1), "a 200 is not retried");
        });
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public void BodyOfUnknownLengthOverTheLimit_IsReadOnceUpToTheLimit()
    {
        // Refit buffers a success body before deserializing it and ignores a failed buffering, then reads the body again: the
        // limit must stick, or the second read would see a consumed (here: disposed) stream, or wait on a half-read connection.
        byte[] json = Encoding.UTF8.GetBytes($$"""{"id":"asst_abc123","object":"assistant","description":"{{new string('d', 8 * Limit)}}"}""");
        var body = new ReadCountingStream(json, lengthKnown: false);
        RespondWithJsonOfUnknownLength(body);

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain($"larger than the limit of {Limit} bytes").And.Contain("reading stopped there"));
            Assert.That(ex.InnerException, Is.Null);
            Assert.That(body.BytesRead, Is.GreaterThan(Limit).And.LessThan(Limit + (128 * 1024)), "read up to the limit, once");
            Assert.That(body.ReadsAfterDispose, Is.Zero, "nothing read the body again after the limit");
            Assert.That(body.Disposed, Is.True);
            Assert.That(_handler.Requests, Has.Count.EqualTo(1), "a 200 is not retried");
        });
    }

    [Test]
    [Property("ReliabilityRow", "13")]
    public void MalformedChunkedBody_ThrowsResponseValidationQuotingTheBodyStart()
    {
        const string json = "{\"id\":\"asst_abc123\",\"object\":\"assistant\",\"tools\":[{\"type\":";
        var body = new ReadCountingStream(Encoding.UTF8.GetBytes(json), lengthKnown: false);
        RespondWithJsonOfUnknownLength(body);

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("Assistant").And.Contain("Body starts: " + json), "the start kept by the size-limiting reader");
            Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(body.Disposed, Is.True);
            Assert.That(_handler.Requests, Has.Count.EqualTo(1), "a 200 is not retried");
        });
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.MaxResponseContentLength = Limit;

    private void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _handler);

    /// <summary>Answers 200 with <paramref name="body"/> as a JSON body without Content-Length (as a chunked one arrives).</summary>
    private void RespondWithJsonOfUnknownLength(ReadCountingStream body) =>
        _handler.Respond = _ =>
        {
            var content = new StreamContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
        };

    /// <summary>A body that counts its reads and the bytes they return, and remembers its disposal (and reads after it, which
    /// throw as a closed connection would).</summary>
    private sealed class ReadCountingStream(byte[] data, bool lengthKnown = true) : Stream
    {
        private readonly MemoryStream _data = new(data, writable: false);

        public int Reads { get; private set; }

        public long BytesRead { get; private set; }

        public int ReadsAfterDispose { get; private set; }

        public bool Disposed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => lengthKnown;

        public override bool CanWrite => false;

        public override long Length => lengthKnown ? _data.Length : throw new NotSupportedException();

        public override long Position
        {
            get => _data.Position;
            set => _data.Position = value;
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (Disposed)
            {
                ReadsAfterDispose++;
                throw new ObjectDisposedException(nameof(ReadCountingStream));
            }

            int read = _data.Read(buffer);
            Reads++;
            BytesRead += read;
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer.AsSpan(offset, count)));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _data.Seek(offset, origin);

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}

/// <summary>Row 21 with the default limit (32 MiB): a page of 100 messages with long texts is far below it.</summary>
public sealed class DefaultBodyLimitTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    [Property("ReliabilityRow", "21")]
    public void DefaultLimits_Are32MiBAnd64KiChars()
    {
        var options = _stub.Services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;

        Assert.That(options.MaxResponseContentLength, Is.EqualTo(32 * 1024 * 1024));
        Assert.That(OpenAIAssistantsClientOptions.DefaultMaxResponseContentLength, Is.EqualTo(32 * 1024 * 1024));
        Assert.That(options.MaxErrorContentLength, Is.EqualTo(64 * 1024));
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task HundredMessagesWithLongTexts_AreReadWithTheDefaultLimit()
    {
        var data = Enumerable.Range(0, 100).Select(i => new Dictionary<string, object?>
        {
            ["id"] = $"msg_{i:D3}",
            ["object"] = "thread.message",
            ["created_at"] = 1699017614 + i,
            ["thread_id"] = "thread_abc123",
            ["role"] = i % 2 == 0 ? "user" : "assistant",
            ["content"] = new[] { new Dictionary<string, object?> { ["type"] = "text", ["text"] = new Dictionary<string, object?> { ["value"] = $"{i}:" + new string('w', 30_000), ["annotations"] = Array.Empty<object>() } } },
            ["attachments"] = Array.Empty<object>(),
            ["metadata"] = new Dictionary<string, string>(),
        }).ToList();
        string json = JsonSerializer.Serialize(new Dictionary<string, object?> { ["object"] = "list", ["data"] = data, ["first_id"] = "msg_000", ["last_id"] = "msg_099", ["has_more"] = false });
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_abc123/messages"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(_ => json));
        Assert.That(json, Has.Length.GreaterThan(3_000_000));

        CursorPage<ThreadMessage> page = await _stub.Messages.ListMessagesAsync("thread_abc123", new MessageCollectionOptions { Limit = 100 });

        Assert.Multiple(() =>
        {
            Assert.That(page.Data.Select(m => m.Id), Is.EqualTo(Enumerable.Range(0, 100).Select(i => $"msg_{i:D3}")));
            Assert.That(page.Data.Select(m => m.Text), Is.EqualTo(Enumerable.Range(0, 100).Select(i => $"{i}:" + new string('w', 30_000))));
            Assert.That(page.LastId, Is.EqualTo("msg_099"));
        });
    }

    [TestCase(0L)]
    [TestCase(1023L)]
    [Property("ReliabilityRow", "21")]
    public void LimitBelowOneKiB_IsRejectedAtStartUp(long limit)
    {
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = ApiKey;
            o.MaxResponseContentLength = limit;
        });
        using ServiceProvider provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain("MaxResponseContentLength"));
    }
}
