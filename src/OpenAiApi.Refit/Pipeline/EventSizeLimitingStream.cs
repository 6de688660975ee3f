
namespace OpenAiApi.Refit.Pipeline;

/// <summary>A read-only wrapper that fails once more than a set number of bytes arrive without a complete event
/// (<see cref="EventCompleted"/> resets the count), so a server cannot make the SSE parser buffer without end.</summary>
internal sealed class EventSizeLimitingStream(Stream inner, long maxBytesPerEvent) : ReadObservingStream(inner)
{
    private long _bytesSinceEvent;

    /// <summary>Called when the parser completes an event.</summary>
    public void EventCompleted() => _bytesSinceEvent = 0;

    protected override void OnRead(ReadOnlySpan<byte> read)
    {
        _bytesSinceEvent += read.Length;
        if (_bytesSinceEvent > maxBytesPerEvent)
        {
            throw new InvalidDataException($"More than {maxBytesPerEvent} bytes arrived without a complete event.");
        }
    }
}
