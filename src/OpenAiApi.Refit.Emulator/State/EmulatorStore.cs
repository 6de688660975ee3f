using System.Collections.Concurrent;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>
/// The in-memory store. Assistants live under one lock; each thread (with its messages, runs and steps) under its own
/// <see cref="ThreadRecord.Gate"/>. A global sequence orders every object by creation and makes list cursors stable, even
/// when the object a cursor names has been deleted since.
/// </summary>
internal sealed class EmulatorStore
{
    private readonly Lock _assistantsGate = new();
    private readonly Dictionary<string, AssistantRecord> _assistants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ThreadRecord> _threads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _sequenceById = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>Allocates the next position in creation order for a new object.</summary>
    /// <param name="id">The new object's id.</param>
    /// <returns>The sequence number.</returns>
    public long NextSequence(string id)
    {
        long sequence = Interlocked.Increment(ref _sequence);
        _sequenceById[id] = sequence;
        return sequence;
    }

    public void AddAssistant(AssistantRecord assistant)
    {
        lock (_assistantsGate)
        {
            _assistants.Add(assistant.Id, assistant);
        }
    }

    /// <summary>Runs <paramref name="action"/> on an assistant under the assistants' lock.</summary>
    /// <typeparam name="T">The result type.</typeparam>
    /// <param name="id">The assistant id.</param>
    /// <param name="action">What to do.</param>
    /// <returns>The result.</returns>
    public T WithAssistant<T>(string id, Func<AssistantRecord, T> action)
    {
        lock (_assistantsGate)
        {
            return _assistants.TryGetValue(id, out AssistantRecord? assistant) ? action(assistant) : throw ApiErrors.NotFound("assistant", id);
        }
    }

    public bool RemoveAssistant(string id)
    {
        lock (_assistantsGate)
        {
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

    public void AddThread(ThreadRecord thread) => _threads[thread.Id] = thread;

    public ThreadRecord GetThread(string id) => _threads.TryGetValue(id, out ThreadRecord? thread) ? thread : throw ApiErrors.NotFound("thread", id);

    public bool RemoveThread(string id, out ThreadRecord? thread) => _threads.TryRemove(id, out thread);

    public void Clear()
    {
        lock (_assistantsGate)
        {
            _assistants.Clear();
        }

        foreach (ThreadRecord thread in _threads.Values)
        {
            lock (thread.Gate)
            {
                thread.Deleted = true;
            }
        }

        _threads.Clear();
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

    private long CursorSequence(string cursor, string param) =>
        _sequenceById.TryGetValue(cursor, out long value)
            ? value
            : throw ApiErrors.BadRequest($"Invalid '{param}': no object with id '{ApiErrors.Shorten(cursor)}' was found.", param, "invalid_value");
}
