using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// Row 21 under a real 20 MB body (chunked, or announced by its Content-Length), with the memory it costs. WireMock would build the 20 MB body in this process (and
/// count against the measurement), so a minimal HTTP/1.1 server on 127.0.0.1 streams it from one reused 64 KB buffer. The body is
/// valid JSON whose one string token is 20 MB long: without a limit the JSON reader buffers the whole token (and the call succeeds);
/// with it the read stops at the limit. Not parallelizable: it measures the process's allocations.
/// </summary>
[NonParallelizable]
public sealed class HugeBodyMemoryTests
{
    private const int BodyBytes = 20 * 1024 * 1024;
    private const int Limit = 256 * 1024;

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task TwentyMegabyteChunkedBody_EndsInAClearExceptionWithBoundedMemory()
    {
        await using var server = ChunkedJsonServer.Start(BodyBytes);
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o => o.MaxResponseContentLength = Limit);
        IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();
        Assert.CatchAsync<OpenAIException>(async () => await assistants.GetAssistantAsync("asst_huge")); // warm-up: JIT, pools

        (OpenAIResponseValidationException? ex, long allocated) = await LeastAllocatingOfThreeAsync(() => assistants.GetAssistantAsync("asst_huge"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.RequestId, Is.EqualTo("req_huge"));
            Assert.That(ex.Message, Does.Contain($"larger than the limit of {Limit} bytes").And.Contain("MaxResponseContentLength"));
            Assert.That(ex.InnerException, Is.Null);
            Assert.That(allocated, Is.LessThan(BodyBytes / 5), $"allocated {allocated:N0} bytes for a {BodyBytes:N0}-byte body");
            Assert.That(server.Requests, Is.EqualTo(4), "one request per call (a warm-up and three measured): a 200 is not retried");
        });
        TestContext.Out.WriteLine($"Allocated {allocated:N0} bytes while refusing a {BodyBytes:N0}-byte chunked body (limit {Limit:N0}).");
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public async Task TwentyMegabyteBodyAnnouncedByContentLength_IsRefusedAtOnce()
    {
        await using var server = ChunkedJsonServer.Start(BodyBytes, chunked: false);
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o => o.MaxResponseContentLength = Limit);
        IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();
        Assert.CatchAsync<OpenAIException>(async () => await assistants.GetAssistantAsync("asst_huge")); // warm-up: JIT, pools

        (OpenAIResponseValidationException? ex, long allocated) =
            await LeastAllocatingOfThreeAsync(() => assistants.GetAssistantAsync("asst_huge").WaitAsync(TimeSpan.FromSeconds(20)));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.RequestId, Is.EqualTo("req_huge"));
            Assert.That(ex.Message, Does.Contain($"limit of {Limit} bytes").And.Contain("it was not read"));
            Assert.That(allocated, Is.LessThan(BodyBytes / 5), $"allocated {allocated:N0} bytes for a {BodyBytes:N0}-byte body");
            Assert.That(server.Requests, Is.EqualTo(4), "one request per call (a warm-up and three measured): a 200 is not retried");
        });
    }

    /// <summary>Makes the failing call three times and keeps the attempt that allocated least: the count is process-wide, so work
    /// another fixture left running in the background (a server still writing, a finalizer) can only add to one attempt.</summary>
    private static async Task<(OpenAIResponseValidationException? Exception, long Allocated)> LeastAllocatingOfThreeAsync(Func<Task> call)
    {
        OpenAIResponseValidationException? last = null;
        long least = long.MaxValue;
        for (int i = 0; i < 3; i++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            try
            {
                await call();
                Assert.Fail("the call succeeded");
            }
            catch (OpenAIResponseValidationException ex)
            {
                last = ex;
            }

            least = Math.Min(least, GC.GetTotalAllocatedBytes(precise: true) - before);
        }

        return (last, least);
    }

    /// <summary>Answers every request on 127.0.0.1 with a 200 (chunked, or with its Content-Length):
    /// <c>{"id":"asst_huge","description":"xxxx…"}</c>, about <c>size</c> bytes, written from a reused buffer until the client hangs up.</summary>
    private sealed class ChunkedJsonServer : IAsyncDisposable
    {
        private static readonly byte[] Filler = Encoding.ASCII.GetBytes(new string('x', 64 * 1024));
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;
        private readonly int _size;
        private readonly bool _chunked;
        private int _requests;

        private ChunkedJsonServer(int size, bool chunked)
        {
            _size = size;
            _chunked = chunked;
            _listener = new TcpListener(IPAddress.Loopback, 0);
            _listener.Start();
            _loop = Task.Run(AcceptLoopAsync);
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

        public int Requests => Volatile.Read(ref _requests);

        public static ChunkedJsonServer Start(int size, bool chunked = true) => new(size, chunked);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            try
            {
                await _loop;
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
            }

            _stop.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                Socket socket = await _listener.AcceptSocketAsync(_stop.Token);
                _ = Task.Run(() => ServeAsync(socket));
            }
        }

        private async Task ServeAsync(Socket socket)
        {
            using (socket)
            await using (var stream = new NetworkStream(socket, ownsSocket: false))
            {
                try
                {
                    await ReadRequestHeadAsync(stream);
                    Interlocked.Increment(ref _requests);
                    byte[] head = Encoding.ASCII.GetBytes("{\"id\":\"asst_huge\",\"object\":\"assistant\",\"description\":\"");
                    byte[] tail = Encoding.ASCII.GetBytes("\"}");
                    int chunks = (_size + Filler.Length - 1) / Filler.Length;
                    string framing = _chunked
                        ? "Transfer-Encoding: chunked"
                        : "Content-Length: " + (head.Length + ((long)chunks * Filler.Length) + tail.Length).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    await WriteAsync(stream, $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nx-request-id: req_huge\r\n\r\n");
                    await WriteChunkAsync(stream, head);
                    for (int i = 0; i < chunks; i++)
                    {
                        await WriteChunkAsync(stream, Filler);
                    }

                    await WriteChunkAsync(stream, tail);
                    if (_chunked)
                    {
                        await WriteAsync(stream, "0\r\n\r\n");
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
                {
                    // the client stopped reading and closed the connection: the expected end
                }
            }
        }

        private async Task ReadRequestHeadAsync(NetworkStream stream)
        {
            var head = new List<byte>();
            byte[] one = new byte[1];
            while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
            {
                if (await stream.ReadAsync(one, _stop.Token) == 0)
                {
                    throw new IOException("The client closed the connection before sending a request.");
                }

                head.Add(one[0]);
            }
        }

        private async Task WriteChunkAsync(NetworkStream stream, byte[] data)
        {
            if (!_chunked)
            {
                await stream.WriteAsync(data, _stop.Token);
                return;
            }

            await WriteAsync(stream, data.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture) + "\r\n");
            await stream.WriteAsync(data, _stop.Token);
            await WriteAsync(stream, "\r\n");
        }

        private Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text), _stop.Token).AsTask();
    }
}
