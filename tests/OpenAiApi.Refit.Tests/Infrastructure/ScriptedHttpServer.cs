using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 whose answers are scripted byte by byte (a stalled body, a body cut mid-transfer, a
/// reset), which WireMock cannot do. It keeps every request head exactly as it arrived (to see what reached the wire), counts the
/// requests and the connections, and knows which connections are still open: a connection counts as closed once the client has
/// closed it (the server reads the end of the stream) or the server has closed or reset it.
/// </summary>
internal sealed class ScriptedHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<ScriptedExchange, Task> _respond;
    private readonly ConcurrentQueue<string> _heads = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentBag<Task> _connections = [];
    private readonly SemaphoreSlim _changed = new(0);
    private int _accepted;
    private int _open;
    private int _requests;

    private ScriptedHttpServer(Func<ScriptedExchange, Task> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>Gets the base address of the client (<c>http://127.0.0.1:port/v1/</c>).</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/v1/");

    /// <summary>Gets the number of requests whose head arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Gets the number of connections accepted.</summary>
    public int Connections => Volatile.Read(ref _accepted);

    /// <summary>Gets the number of connections not closed yet (by either side).</summary>
    public int OpenConnections => Volatile.Read(ref _open);

    /// <summary>Gets the request heads (request line and headers, CRLF-separated) exactly as they arrived, in order.</summary>
    public IReadOnlyList<string> RequestHeads => [.. _heads];

    /// <summary>Starts a server that answers each request with <paramref name="respond"/>.</summary>
    public static ScriptedHttpServer Start(Func<ScriptedExchange, Task> respond) => new(respond);

    /// <summary>Waits until <paramref name="condition"/> holds, re-checking it whenever a request or connection changes; gives up
    /// (returning <see langword="false"/>) after <paramref name="timeout"/>, a bound for a broken build, not a timing assumption.</summary>
    public async Task<bool> WaitUntilAsync(Func<ScriptedHttpServer, bool> condition, TimeSpan timeout)
    {
        using var giveUp = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await _changed.WaitAsync(giveUp.Token);
            }
            catch (OperationCanceledException)
            {
                return condition(this);
            }
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        await Task.WhenAll(_connections);
        _stop.Dispose();
    }

    private void Changed() => _changed.Release();

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _accepted);
            Interlocked.Increment(ref _open);
            Changed();
            _connections.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        try
        {
            using (client)
            {
                NetworkStream stream = client.GetStream();
                while (true)
                {
                    string? head = await ReadHeadAsync(stream, _stop.Token);
                    if (head is null)
                    {
                        return; // the client closed the connection
                    }

                    await SkipBodyAsync(stream, head, _stop.Token);
                    int index = Interlocked.Increment(ref _requests) - 1;
                    _heads.Enqueue(head);
                    Changed();
                    var exchange = new ScriptedExchange(index, head, client, stream, _stop.Token);
                    await _respond(exchange);
                    if (exchange.IsClosed)
                    {
                        return;
                    }
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away, or the server stops
        }
        finally
        {
            Interlocked.Decrement(ref _open);
            Changed();
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        return Encoding.Latin1.GetString([.. head]);
    }

    private static async Task SkipBodyAsync(NetworkStream stream, string head, CancellationToken cancellationToken)
    {
        foreach (string line in head.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                int length = int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
                byte[] body = new byte[length];
                await stream.ReadExactlyAsync(body, cancellationToken);
            }
        }
    }
}

/// <summary>One request of a <see cref="ScriptedHttpServer"/>, and the means to answer it byte by byte.</summary>
internal sealed class ScriptedExchange(int index, string head, TcpClient client, NetworkStream stream, CancellationToken stopping)
{
    /// <summary>Gets the index of the request on the server (0 for the first).</summary>
    public int Index { get; } = index;

    /// <summary>Gets the request line and headers as they arrived.</summary>
    public string Head { get; } = head;

    /// <summary>Gets the request line (<c>GET /v1/assistants/asst_1 HTTP/1.1</c>).</summary>
    public string RequestLine => Head[..Head.IndexOf("\r\n", StringComparison.Ordinal)];

    /// <summary>Gets a value indicating whether the connection is done with (closed, reset, or closed by the client).</summary>
    public bool IsClosed { get; private set; }

    /// <summary>Writes text (ASCII) and flushes it.</summary>
    public async Task WriteAsync(string text)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(text), stopping);
        await stream.FlushAsync(stopping);
    }

    /// <summary>Writes a whole JSON response with its Content-Length.</summary>
    public Task WriteJsonAsync(string json, int status = 200, string extraHeaders = "")
    {
        int length = Encoding.UTF8.GetByteCount(json);
        return WriteAsync($"HTTP/1.1 {status} X\r\nContent-Type: application/json\r\nContent-Length: {length}\r\nx-request-id: req_{Index}\r\n{extraHeaders}\r\n{json}");
    }

    /// <summary>Sends nothing more and waits until the client closes the connection (or the server stops).</summary>
    public async Task StallUntilClientClosesAsync()
    {
        byte[] buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, stopping) > 0)
            {
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException)
        {
        }

        IsClosed = true;
    }

    /// <summary>Resets the connection (RST).</summary>
    public void Reset()
    {
        client.Client.LingerState = new LingerOption(true, 0);
        client.Client.Close();
        IsClosed = true;
    }

    /// <summary>Closes the connection gracefully (FIN), e.g. before a body is complete.</summary>
    public void Close()
    {
        client.Client.Shutdown(SocketShutdown.Send);
        client.Client.Close();
        IsClosed = true;
    }
}
