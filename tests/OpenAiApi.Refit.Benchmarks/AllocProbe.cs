using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>Counts the runtime's allocation-tick events (one about every 100 KB allocated, naming the type of the object that crossed
/// the mark) by type, in-process, for <see cref="Probe"/>.</summary>
internal sealed class AllocationListener : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    public ConcurrentDictionary<string, long> Samples { get; } = new(StringComparer.Ordinal);

    public bool Enabled { get; set; }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!Enabled || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true
            || eventData.Payload is null || eventData.PayloadNames is null)
        {
            return;
        }

        int index = eventData.PayloadNames.IndexOf("TypeName");
        string type = index >= 0 ? eventData.Payload[index]?.ToString() ?? "?" : "?";
        Samples.AddOrUpdate(type, 1, static (_, count) => count + 1);
    }
}
