namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>
/// Remembers the id of the assistant the chat uses, for the life of the application. A singleton that holds state only: the
/// Refit clients are <see cref="IHttpClientFactory"/> typed clients and belong in shorter-lived services such as
/// <see cref="ChatService"/>.
/// </summary>
public sealed class ChatAssistantCache : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _assistantId;

    /// <summary>Gets the cached assistant id, or <see langword="null"/> before the first conversation.</summary>
    public string? AssistantId => _assistantId;

    /// <summary>Returns the cached id, or resolves it once (concurrent callers wait for the first one).</summary>
    /// <param name="resolve">Finds or creates the assistant; called at most once at a time, and only while no id is cached.</param>
    /// <param name="cancellationToken">A token to stop waiting.</param>
    /// <returns>The assistant id.</returns>
    public async Task<string> GetOrResolveAsync(Func<CancellationToken, Task<string>> resolve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        if (_assistantId is { } cached)
        {
            return cached;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _assistantId ??= await resolve(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets <paramref name="assistantId"/> if it is the cached id (the server no longer knows it), so the next
    /// conversation resolves the assistant again.</summary>
    /// <param name="assistantId">The id that turned out to be stale.</param>
    public void Forget(string assistantId) => Interlocked.CompareExchange(ref _assistantId, null, assistantId);

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
