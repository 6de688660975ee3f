
namespace OpenAiApi.Refit.Streaming;

/// <summary>Checks the index of a delta fragment before the accumulator stores it: an index below 0 or above the limit is a broken
/// or hostile stream, and is rejected rather than trusted.</summary>
internal readonly struct DeltaIndexGuard(int maxIndex, string eventName, string? runId)
{
    /// <summary>Returns <paramref name="index"/> when it is within 0 and the limit.</summary>
    /// <exception cref="OpenAIStreamException">The index is out of range.</exception>
    public int Check(int index, string what)
    {
        if (index < 0 || index > maxIndex)
        {
            throw new OpenAIStreamException(
                $"The '{eventName}' event addresses {what} at index {index}, outside 0 to {maxIndex}; the stream is broken, so the fragment is rejected.")
            {
                EventName = eventName,
                RunId = runId,
            };
        }

        return index;
    }

    /// <summary>The index of a fragment that carries none: the next free one.</summary>
    public int Next<T>(SortedDictionary<int, T> items, string what) => Check(items.Count == 0 ? 0 : items.Keys.Max() + 1, what);
}
