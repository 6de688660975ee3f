using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Runs;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// Rows 39, 40, 42 and 44: a hostile or broken server at the socket level, scripted byte by byte on 127.0.0.1 (a body that stalls
/// after its headers, a body cut mid-transfer, keep-alive comments on an otherwise silent stream) and the client's own sockets
/// when it is disposed. The server counts requests, connections and the connections still open.
/// </summary>
public sealed class HostileServerTransportTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30); // a broken build fails instead of hanging; never reached when green

    private static string Head(string framing, int index) =>
        $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{framing}\r\nx-request-id: req_{index}\r\n\r\n";

    private static string Chunk(string data) =>
        Encoding.UTF8.GetByteCount(data).ToString("x", CultureInfo.InvariantCulture) + "\r\n" + data + "\r\n";

    /// <summary>The headers and the first bytes of the body: with a Content-Length longer than what follows, or chunked.</summary>
    private static string HeadAndPartialBody(bool chunked, int index) =>
        chunked
            ? Head("Transfer-Encoding: chunked", index) + Chunk("""{"id":"asst_abc123","object":""")
            : Head("Content-Length: " + Encoding.UTF8.GetByteCount(AssistantJson), index) + AssistantJson[..40];

    [TestCase(false, TestName = "BodyStallsAfterTheHeaders_GetEndsInTimeoutAfterThreeAttemptsAndClosesEveryConnection(Content-Length)")]
    [TestCase(true, TestName = "BodyStallsAfterTheHeaders_GetEndsInTimeoutAfterThreeAttemptsAndClosesEveryConnection(chunked)")]
    [Property("ReliabilityRow", "39")]
    public async Task BodyStallsAfterTheHeaders_GetEndsInTimeoutAfterThreeAttemptsAndClosesEveryConnection(bool chunked)
    {
        await using var server = ScriptedHttpServer.Start(async e =>
        {
            await e.WriteAsync(HeadAndPartialBody(chunked, e.Index));
            await e.StallUntilClientClosesAsync();
        });
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o => o.AttemptTimeout = TimeSpan.FromSeconds(1));

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
            await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123").WaitAsync(Bound));

        Assert.That(ex!.Message, Does.Contain("/v1/assistants/asst_abc123").And.Contain("attempt timeout"));
        Assert.That(await server.WaitUntilAsync(s => s.Connections == 3 && s.OpenConnections == 0, Bound), Is.True, "each stalled response was disposed, its socket closed");
        Assert.That(server.Requests, Is.EqualTo(3), "a GET is retried after an attempt timeout");
    }

    [Test]
    [Property("ReliabilityRow", "39")]
    public async Task PollOfWaitForRunStalls_EndsInTimeoutInsteadOfHanging()
    {
        await using var server = ScriptedHttpServer.Start(async e =>
        {
            await e.WriteAsync(Head("Content-Length: 4000", e.Index) + """{"id":"run_abc","object":"thread.run",""");
            await e.StallUntilClientClosesAsync();
        });
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o =>
        {
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
            o.MaxRetries = 0;
        });

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
            await provider.GetRequiredService<IRunsApi>().WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId).WaitAsync(Bound));

        Assert.That(ex!.Message, Does.Contain("/runs/" + RunsJson.RunId));
        Assert.That(await server.WaitUntilAsync(s => s.OpenConnections == 0, Bound), Is.True);
    }

    public enum Cut
    {
        EndBeforeContentLength,
        ResetMidBody,
        TruncatedChunkedBody,
    }

    private static async Task CutAsync(ScriptedExchange e, Cut cut)
    {
        await e.WriteAsync(HeadAndPartialBody(cut == Cut.TruncatedChunkedBody, e.Index));
        if (cut == Cut.ResetMidBody)
        {
            e.Reset();
        }
        else
        {
            e.Close();
        }
    }

    [TestCase(Cut.EndBeforeContentLength)]
    [TestCase(Cut.ResetMidBody)]
    [TestCase(Cut.TruncatedChunkedBody)]
    [Property("ReliabilityRow", "40")]
    public async Task BodyCutMidTransfer_IsRetriedAsAConnectionErrorAndTheThirdAttemptSucceeds(Cut cut)
    {
        await using var server = ScriptedHttpServer.Start(e => e.Index < 2 ? CutAsync(e, cut) : e.WriteJsonAsync(AssistantJson));
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock());

        Assistant assistant = await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123").WaitAsync(Bound);

        AssertAssistant(assistant);
        Assert.That(server.Requests, Is.EqualTo(3));
    }

    [TestCase(Cut.EndBeforeContentLength)]
    [TestCase(Cut.ResetMidBody)]
    [TestCase(Cut.TruncatedChunkedBody)]
    [Property("ReliabilityRow", "40")]
    public async Task BodyCutOnEveryAttempt_EndsInConnectionExceptionNotResponseValidation(Cut cut)
    {
        await using var server = ScriptedHttpServer.Start(e => CutAsync(e, cut));
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock());

        var ex = Assert.ThrowsAsync<OpenAIConnectionException>(async () =>
            await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123").WaitAsync(Bound));

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.Not.InstanceOf<OpenAITimeoutException>());
            Assert.That(ex!.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(server.Requests, Is.EqualTo(3), "retried like any connection error");
        });
    }

    [Test]
    [Property("ReliabilityRow", "40")]
    public async Task PostBodyCut_IsRetriedWithPostRetriesOnAndNotWithThemOff()
    {
        await using var server = ScriptedHttpServer.Start(e => CutAsync(e, Cut.EndBeforeContentLength));
        await using ServiceProvider retrying = BuildProvider(server.BaseAddress, new TestClock());
        await using ServiceProvider notRetrying = BuildProvider(server.BaseAddress, new TestClock(), o => o.RetryPostRequests = false);

        Assert.ThrowsAsync<OpenAIConnectionException>(async () =>
            await retrying.GetRequiredService<IThreadsApi>().CreateThreadAsync(new ThreadCreationOptions()).WaitAsync(Bound));
        int afterRetrying = server.Requests;
        Assert.ThrowsAsync<OpenAIConnectionException>(async () =>
            await notRetrying.GetRequiredService<IThreadsApi>().CreateThreadAsync(new ThreadCreationOptions()).WaitAsync(Bound));

        Assert.That(afterRetrying, Is.EqualTo(3));
        Assert.That(server.Requests - afterRetrying, Is.EqualTo(1));
    }

    [Test]
    [Property("ReliabilityRow", "42")]
    public async Task TwentyCreateUseDisposeCycles_LeaveNoSocketOpen()
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson)); // keep-alive: the client would pool it
        for (int i = 0; i < 20; i++)
        {
            var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = "test-key", BaseAddress = server.BaseAddress });
            AssertAssistant(await client.Assistants.GetAssistantAsync("asst_abc123"));
            if (i % 2 == 0)
            {
                client.Dispose();
            }
            else
            {
                await client.DisposeAsync();
            }
        }

        Assert.That(await server.WaitUntilAsync(s => s.OpenConnections == 0, Bound), Is.True, $"{server.OpenConnections} sockets still open");
        Assert.That(server.Connections, Is.EqualTo(20));
    }

    [Test]
    [Property("ReliabilityRow", "42")]
    public async Task DisposeWhileACallWaitsForTheServer_EndsItWithObjectDisposedAndClosesTheSocket()
    {
        await using var server = ScriptedHttpServer.Start(e => e.StallUntilClientClosesAsync()); // never answers
        var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = "test-key", BaseAddress = server.BaseAddress });
        Task<Assistant> call = client.Assistants.GetAssistantAsync("asst_abc123");
        Assert.That(await server.WaitUntilAsync(s => s.Requests == 1, Bound), Is.True);

        client.Dispose();

        var ex = Assert.ThrowsAsync<ObjectDisposedException>(async () => await call.WaitAsync(Bound));
        Assert.Multiple(async () =>
        {
            Assert.That(ex!.ObjectName, Is.EqualTo(nameof(OpenAIAssistantsClient)));
            Assert.That(await server.WaitUntilAsync(s => s.OpenConnections == 0, Bound), Is.True);
            Assert.That(server.Requests, Is.EqualTo(1), "nothing is retried after the disposal");
        });
    }

    [Test]
    [Property("ReliabilityRow", "42")]
    public async Task DisposeWhileAStreamIsRead_EndsTheEnumerationWithObjectDisposed()
    {
        await using var server = ScriptedHttpServer.Start(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" +
                "event: thread.run.created\ndata: " + RunsJson.Run("queued").ReplaceLineEndings(" ") + "\n\n");
            await e.StallUntilClientClosesAsync();
        });
        var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = "test-key", BaseAddress = server.BaseAddress });
        IAsyncEnumerator<RunStreamEvent> events = client.Runs
            .CreateRunStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc")).GetAsyncEnumerator();
        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current.EventName, Is.EqualTo("thread.run.created"));
        ValueTask<bool> next = events.MoveNextAsync();

        await client.DisposeAsync();

        Assert.ThrowsAsync<ObjectDisposedException>(async () => await next.AsTask().WaitAsync(Bound));
        await events.DisposeAsync();
        Assert.That(await server.WaitUntilAsync(s => s.OpenConnections == 0, Bound), Is.True);
    }

    [Test]
    [Property("ReliabilityRow", "42")]
    public async Task CallAfterDispose_ThrowsObjectDisposedAndSendsNothing()
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson));
        var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { ApiKey = "test-key", BaseAddress = server.BaseAddress });
        IAssistantsApi assistants = client.Assistants;
        IRunsApi runs = client.Runs;
        client.Dispose();
        client.Dispose(); // idempotent

        var ex = Assert.ThrowsAsync<ObjectDisposedException>(async () => await assistants.GetAssistantAsync("asst_abc123"));
        Assert.ThrowsAsync<ObjectDisposedException>(async () => await runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId));
        Assert.ThrowsAsync<ObjectDisposedException>(async () =>
        {
            await foreach (RunStreamEvent _ in runs.CreateRunStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc")))
            {
            }
        });

        Assert.That(ex!.ObjectName, Is.EqualTo(nameof(OpenAIAssistantsClient)));
        Assert.That(server.Connections, Is.Zero);
    }

    [Test]
    [Property("ReliabilityRow", "44")]
    public async Task KeepAliveCommentsEvery100MsForTwiceTheIdleTimeout_KeepTheStreamAlive()
    {
        await using var server = ScriptedHttpServer.Start(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" +
                "event: thread.run.created\ndata: " + RunsJson.Run("queued").ReplaceLineEndings(" ") + "\n\n");
            for (int i = 0; i < 25; i++) // 2.5 s of pings against a 1 s idle timeout: the model "thinks"
            {
                await Task.Delay(100);
                await e.WriteAsync(": ping\n\n");
            }

            await e.WriteAsync("event: thread.run.completed\ndata: " + RunsJson.Run("completed").ReplaceLineEndings(" ") + "\n\n" +
                "event: done\ndata: [DONE]\n\n");
            e.Close();
        });
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o => o.StreamIdleTimeout = TimeSpan.FromSeconds(1));

        var names = new List<string>();
        await foreach (RunStreamEvent e in provider.GetRequiredService<IRunsApi>().CreateRunStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc")))
        {
            names.Add(e.EventName);
        }

        Assert.That(names, Is.EqualTo(new[] { "thread.run.created", "thread.run.completed", "done" }));
    }

    [Test]
    [Property("ReliabilityRow", "44")]
    public async Task SilenceWithoutComments_StillTimesOut()
    {
        await using var server = ScriptedHttpServer.Start(async e =>
        {
            await e.WriteAsync("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nConnection: close\r\n\r\n" +
                "event: thread.run.created\ndata: " + RunsJson.Run("queued").ReplaceLineEndings(" ") + "\n\n");
            await e.StallUntilClientClosesAsync();
        });
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o => o.StreamIdleTimeout = TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
        {
            await foreach (RunStreamEvent _ in provider.GetRequiredService<IRunsApi>().CreateRunStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc")).WithCancellation(new CancellationTokenSource(Bound).Token))
            {
            }
        });
        Assert.That(await server.WaitUntilAsync(s => s.OpenConnections == 0, Bound), Is.True);
    }
}
