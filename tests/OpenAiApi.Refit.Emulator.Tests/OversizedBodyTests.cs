using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// Bodies over the emulator's limit, at every size (also far beyond what Kestrel would accept by default): each gets the JSON
/// <c>400 request_too_large</c>, never a connection reset, whether it has a <c>Content-Length</c> or is sent chunked.
/// </summary>
public sealed class OversizedBodyTests : EmulatorTestBase
{
    private const int MiB = 1024 * 1024;

    [TestCase(9 * MiB, false, TestName = "OversizedBody_9MiBWithLength_IsAnswered400RequestTooLarge")]
    [TestCase(40 * MiB, false, TestName = "OversizedBody_40MiBWithLength_IsAnswered400RequestTooLarge")]
    [TestCase(9 * MiB, true, TestName = "OversizedBody_9MiBChunked_IsAnswered400RequestTooLarge")]
    [TestCase(40 * MiB, true, TestName = "OversizedBody_40MiBChunked_IsAnswered400RequestTooLarge")]
    [TestCase(100 * MiB, true, TestName = "OversizedBody_100MiBChunked_IsAnswered400RequestTooLarge")]
    [Property("ReliabilityRow", "36")]
    public async Task OversizedBody_IsAnswered400RequestTooLarge(int size, bool chunked)
    {
        string threadId = (await Threads.CreateThreadAsync()).Id;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{threadId}/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        request.Content = new StreamContent(new MessageBodyStream(size, knownLength: !chunked));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (!chunked)
        {
            request.Content.Headers.ContentLength = size;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // a hang fails the test instead of the run
        using HttpResponseMessage response = await Raw.SendAsync(request, cts.Token);
        string text = await response.Content.ReadAsStringAsync(cts.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text);
        JsonElement error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
            Assert.That(error.GetProperty("code").GetString(), Is.EqualTo("request_too_large"));
            Assert.That(error.GetProperty("message").GetString(), Does.Contain("the limit is 1048576 bytes"));
        });

        RawResponse after = await SendAsync(HttpMethod.Get, $"threads/{threadId}/messages");
        Assert.Multiple(() =>
        {
            Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), "the emulator still answers");
            Assert.That(after.Json.GetProperty("data").GetArrayLength(), Is.Zero, "nothing was stored");
        });
    }

    [Test]
    [Property("ReliabilityRow", "36")]
    public async Task CreateMessage_10MBThroughTheClient_ThrowsBadRequestRequestTooLargeWithoutResending()
    {
        string threadId = (await Threads.CreateThreadAsync()).Id;

        OpenAIBadRequestException error = await ThrowsAsync<OpenAIBadRequestException>(
            () => Messages.CreateMessageAsync(threadId, MessageCreationOptions.User(new string('x', 10_000_000))));

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("request_too_large"));
            Assert.That(error.ErrorType, Is.EqualTo("invalid_request_error"));
        });
    }

    /// <summary>A message-creation body of exactly <c>size</c> bytes, produced as it is read (no 100 MB array).</summary>
    private sealed class MessageBodyStream(long size, bool knownLength) : Stream
    {
        private static readonly byte[] Head = "{\"role\":\"user\",\"content\":\""u8.ToArray();
        private static readonly byte[] Tail = "\"}"u8.ToArray();
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => knownLength ? size : throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = (int)Math.Min(count, size - _position);
            for (int i = 0; i < n; i++)
            {
                long at = _position + i;
                buffer[offset + i] = at < Head.Length ? Head[at] : at >= size - Tail.Length ? Tail[at - (size - Tail.Length)] : (byte)'x';
            }

            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
