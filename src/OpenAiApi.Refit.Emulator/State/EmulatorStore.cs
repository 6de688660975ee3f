using System.Collections.Concurrent;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>
/// The store: the working set every read comes from, and the hooks through which an implementation makes changes durable.
/// Assistants live under one lock; each thread (with its messages, runs and steps) under its own <see cref="ThreadRecord.Gate"/>.
/// A global sequence orders every object by creation and makes list cursors stable, even when the object a cursor names has
/// been deleted since.
/// </summary>
/// <remarks>
/// <para>Whoever changes a thread, its messages, runs or steps does so under the thread's lock and calls <see cref="Commit"/>
/// before releasing it, whether the change comes from a request or from work in the background: the durable store writes
/// everything the call changed in one transaction, so a crash never leaves half of it behind. Assistants and thread removal
/// commit inside the store's own methods.</para>
/// <para><see cref="InMemoryEmulatorStore"/> keeps nothing (the default); <c>SqliteEmulatorStore</c> writes
/// through to a SQLite file and loads it back on start.</para>
/// </remarks>
internal abstract class EmulatorStore : IDisposable
{
    private readonly Lock _assistantsGate = new();
    private readonly Dictionary<string, AssistantRecord> _assistants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ThreadRecord> _threads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Called under a thread's lock when it has just been deleted (the run engine abandons the model calls of its runs).</summary>
    public Action<ThreadRecord>? ThreadDeleted { get; set; }

    /// <summary>Gets the live threads (a moment's snapshot, in no particular order).</summary>
    public IEnumerable<ThreadRecord> Threads => _threads.Values;

    /// <summary>Allocates the next position in creation order for a new object.</summary>
    /// <param name="id">The new object's id.</param>
    /// <returns>The sequence number.</returns>
    public long NextSequence(string id)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        _sequenceById[id] = sequence;
        return sequence;
    }

    /// <summary>Stores a new assistant.</summary>
    /// <param name="assistant">The assistant.</param>
    public void AddAssistant(AssistantRecord assistant)
    {
        lock (_assistantsGate)
        {
            SaveAssistant(assistant);
            _assistants.Add(assistant.Id, assistant);
        }
    }

    /// <summary>Reads an assistant under the assistants' lock.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="id">The assistant id.</param>
    /// <param name="read">What to read; it must not change the assistant.</param>
    /// <returns>The result.</returns>
    public T WithAssistant<T>(string id, Func<AssistantRecord, T> read)
    {
        lock (_assistantsGate)
        {
            return read(FindAssistant(id));
        }
    }

    /// <summary>Changes an assistant under the assistants' lock and commits the change.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="id">The assistant id.</param>
    /// <param name="update">The change.</param>
    /// <returns>The result.</returns>
    public T UpdateAssistant<T>(string id, Func<AssistantRecord, T> update)
    {
        lock (_assistantsGate)
        {
            AssistantRecord assistant = FindAssistant(id);
            T result = update(assistant);
            SaveAssistant(assistant);
            return result;
        }
    }

    /// <summary>Deletes an assistant.</summary>
    /// <param name="id">The assistant id.</param>
    /// <returns>Whether it existed.</returns>
    public bool RemoveAssistant(string id)
    {
        lock (_assistantsGate)
        {
            if (!_assistants.ContainsKey(id))
            {
                return false;
            }

            DeleteAssistants([id]);
            return _assistants.Remove(id);
        }
    }

    public CursorPage<Assistant> ListAssistants(ListQuery query)
    {
        lock (_assistantsGate)
        {
            return Page(_assistants.Values.OrderBy(static a => a.Sequence).ToList(), static a => a.Sequence, static a => a.Id, static a => a.ToModel(), query);
        }
    }

    /// <summary>Makes a new thread (with whatever it already holds) visible, after committing it.</summary>
    /// <param name="thread">The thread, not yet visible to other requests.</param>
    public void AddThread(ThreadRecord thread)
    {
        lock (thread.Gate)
        {
            Commit(thread);
        }

        _threads[thread.Id] = thread;
    }

    public ThreadRecord GetThread(string id) => _threads.TryGetValue(id, out ThreadRecord? thread) ? thread : throw ApiErrors.NotFound("thread", id);

    /// <summary>Deletes a thread with its messages, runs and steps.</summary>
    /// <param name="id">The thread id.</param>
    /// <returns>Whether it existed.</returns>
    public bool RemoveThread(string id)
    {
        if (!_threads.TryRemove(id, out ThreadRecord? thread))
        {
            return false;
        }

        lock (thread.Gate)
        {
            thread.Deleted = true;
            DeleteThreads([thread.Id]);
            ThreadDeleted?.Invoke(thread);
        }

        return true;
    }

    /// <summary>Makes the thread's changes durable. Call it under the thread's lock after changing the thread, its messages, runs
    /// or steps (in a request or in the background); it does nothing for a deleted thread.</summary>
    /// <param name="thread">The thread.</param>
    public void Commit(ThreadRecord thread)
    {
        if (!thread.Deleted)
        {
            SaveThread(thread);
            thread.ChangedIds.Clear();
        }
    }

    /// <summary>Deletes every assistant and thread.</summary>
    public void Clear()
    {
        List<string> assistantIds;
        lock (_assistantsGate)
        {
            assistantIds = [.. _assistants.Keys];
            if (assistantIds.Count > 0)
            {
                DeleteAssistants(assistantIds);
            }

            _assistants.Clear();
        }

        var threadIds = new List<string>();
        foreach (string id in _threads.Keys)
        {
            if (_threads.TryRemove(id, out ThreadRecord? thread))
            {
                lock (thread.Gate)
                {
                    thread.Deleted = true;
                    ThreadDeleted?.Invoke(thread);
                }

                threadIds.Add(id);
            }
        }

        if (threadIds.Count > 0)
        {
            DeleteThreads(threadIds);
        }
    }

    /// <summary>Cuts one page out of <paramref name="ascending"/> (objects in creation order) the way the real service pages:
    /// <c>after</c> starts behind the cursor, <c>before</c> returns the objects just in front of it, both in the requested order.</summary>
    /// <typeparam name="TRecord">The stored type.</typeparam>
    /// <typeparam name="TModel">The wire type.</typeparam>
    /// <param name="ascending">All objects, oldest first.</param>
    /// <param name="sequence">The creation position.</param>
    /// <param name="id">The id.</param>
    /// <param name="toModel">The snapshot.</param>
    /// <param name="query">The paging query.</param>
    /// <returns>The page.</returns>
    public CursorPage<TModel> Page<TRecord, TModel>(
        IReadOnlyList<TRecord> ascending,
        Func<TRecord, long> sequence,
        Func<TRecord, string> id,
        Func<TRecord, TModel> toModel,
        ListQuery query)
    {
        IEnumerable<TRecord> ordered = query.Ascending ? ascending : ascending.Reverse();
        if (query.After is string after)
        {
            long cursor = CursorSequence(after, "after");
            ordered = ordered.Where(r => query.Ascending ? sequence(r) > cursor : sequence(r) < cursor);
        }

        if (query.Before is string before)
        {
            long cursor = CursorSequence(before, "before");
            ordered = ordered.Where(r => query.Ascending ? sequence(r) < cursor : sequence(r) > cursor);
        }

        List<TRecord> candidates = ordered.ToList();
        List<TRecord> page = query.Before is not null && query.After is null
            ? candidates.TakeLast(query.Limit).ToList()
            : candidates.Take(query.Limit).ToList();
        return new CursorPage<TModel>
        {
            Object = "list",
            Data = [.. page.Select(toModel)],
            FirstId = page.Count > 0 ? id(page[0]) : null,
            LastId = page.Count > 0 ? id(page[^1]) : null,
            HasMore = candidates.Count > page.Count,
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the store holds.</summary>
    /// <param name="disposing">Whether this is <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>Persists a new or changed assistant (called under the assistants' lock).</summary>
    /// <param name="assistant">The assistant.</param>
    protected abstract void SaveAssistant(AssistantRecord assistant);

    /// <summary>Persists deleted assistants (called under the assistants' lock).</summary>
    /// <param name="ids">The assistant ids.</param>
    protected abstract void DeleteAssistants(IReadOnlyCollection<string> ids);

    /// <summary>Persists whatever changed in a live thread, in one transaction (called under the thread's lock).</summary>
    /// <param name="thread">The thread.</param>
    protected abstract void SaveThread(ThreadRecord thread);

    /// <summary>Persists deleted threads with everything they held, in one transaction (called once each thread is marked
    /// deleted).</summary>
    /// <param name="ids">The thread ids.</param>
    protected abstract void DeleteThreads(IReadOnlyCollection<string> ids);

    /// <summary>Puts back a stored assistant while loading (before the store serves requests).</summary>
    /// <param name="assistant">The assistant.</param>
    protected void Restore(AssistantRecord assistant)
    {
        _assistants[assistant.Id] = assistant;
        RestoreSequence(assistant.Id, assistant.Sequence);
    }

    /// <summary>Puts back a stored thread, complete with its messages, runs and steps, while loading.</summary>
    /// <param name="thread">The thread.</param>
    protected void Restore(ThreadRecord thread) => _threads[thread.Id] = thread;

    /// <summary>Puts back the creation position of a stored object (deleted ones included, so their cursors still work).</summary>
    /// <param name="id">The id.</param>
    /// <param name="sequence">Its position.</param>
    protected void RestoreSequence(string id, long sequence)
    {
        _sequenceById[id] = sequence;
        if (sequence > _sequence)
        {
            _sequence = sequence;
        }
    }

    private AssistantRecord FindAssistant(string id) =>
        _assistants.TryGetValue(id, out AssistantRecord? assistant) ? assistant : throw ApiErrors.NotFound("assistant", id);

    private long CursorSequence(string cursor, string param) =>
        _sequenceById.TryGetValue(cursor, out long value)
            ? value
            : throw ApiErrors.BadRequest($"Invalid '{param}': no object with id '{ApiErrors.Shorten(cursor)}' was found.", param, "invalid_value");
}
