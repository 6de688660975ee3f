namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The lifetime of one registration of the client (an <see cref="OpenAIAssistantsClient"/>, or the service provider that holds
/// <c>AddOpenAIAssistants</c>): a singleton the container disposes with itself. Disposing it cancels every call in flight (they end
/// with <see cref="ObjectDisposedException"/>), makes every later call throw <see cref="ObjectDisposedException"/> before anything is
/// sent, and disposes the connection pools the pipeline created (<see cref="IHttpClientFactory"/> alone keeps them, and their
/// sockets, until its handler lifetime ends), so no socket outlives the client.
/// </summary>
internal sealed class ClientLifetime : IDisposable
{
    private readonly CancellationTokenSource _disposing = new();
    private readonly List<WeakReference<HttpMessageHandler>> _handlers = [];
    private int _disposed;

    /// <summary>Gets a token cancelled when the client is disposed.</summary>
    public CancellationToken Token { get; }

    /// <summary>Initializes a new instance of the <see cref="ClientLifetime"/> class.</summary>
    public ClientLifetime()
    {
        Token = _disposing.Token;
    }

    /// <summary>Gets a value indicating whether the client has been disposed.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Gets the exception of a call made to, or cut by, a disposed client.</summary>
    public static ObjectDisposedException Disposed() =>
        new(nameof(OpenAIAssistantsClient), "The Assistants client has been disposed (the OpenAIAssistantsClient, or the service provider that registered it).");

    /// <summary>Throws <see cref="ObjectDisposedException"/> once the client has been disposed.</summary>
    public void ThrowIfDisposed()
    {
        if (IsDisposed)
        {
            throw Disposed();
        }
    }

    /// <summary>Remembers a primary handler the pipeline created, to dispose it (and close its connections) with the client.</summary>
    public HttpMessageHandler Track(HttpMessageHandler handler)
    {
        lock (_handlers)
        {
            _handlers.RemoveAll(static reference => !reference.TryGetTarget(out _)); // handlers the factory has rotated out and dropped
            _handlers.Add(new WeakReference<HttpMessageHandler>(handler));
        }

        if (IsDisposed)
        {
            handler.Dispose();
        }

        return handler;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _disposing.Cancel(); // calls in flight end now
        List<HttpMessageHandler> alive = [];
        lock (_handlers)
        {
            foreach (WeakReference<HttpMessageHandler> reference in _handlers)
            {
                if (reference.TryGetTarget(out HttpMessageHandler? handler))
                {
                    alive.Add(handler);
                }
            }

            _handlers.Clear();
        }

        foreach (HttpMessageHandler handler in alive)
        {
            handler.Dispose(); // closes the pooled connections
        }

        // _disposing is left undisposed on purpose: it has no timer, and a call racing with the disposal may still link its token.
    }
}

/// <summary>The outermost handler: refuses calls to a disposed client and ends calls in flight when it is disposed (see
/// <see cref="ClientLifetime"/>).</summary>
internal sealed class ClientLifetimeHandler(ClientLifetime lifetime) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lifetime.ThrowIfDisposed();
        CancellationToken clientToken = lifetime.Token;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, clientToken);
        try
        {
            return await base.SendAsync(request, linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (lifetime.IsDisposed && !cancellationToken.IsCancellationRequested && ex is not ObjectDisposedException)
        {
            throw ClientLifetime.Disposed();
        }
    }
}
