using System.Collections.Concurrent;
using System.Diagnostics;
using OpenAiApi.Refit.Diagnostics;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>Records the stopped activities of the library, of <c>System.Net.Http</c> and of the tests' own source.</summary>
public sealed class ActivityRecorder : IDisposable
{
    /// <summary>The name of the tests' own source: a test that looks at spans starts a root activity of its own and reads only the
    /// spans of that trace, so the fixtures running in parallel do not mix in.</summary>
    public const string TestSourceName = "OpenAiApi.Refit.Tests.Telemetry";

    /// <summary>The tests' own source.</summary>
    public static readonly ActivitySource TestSource = new(TestSourceName);

    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OpenAIAssistantsTelemetry.ActivitySourceName or "System.Net.Http" or TestSourceName,
            Sample = static (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The stopped activities of the library in the trace of <paramref name="root"/>, in the order they stopped.</summary>
    public IReadOnlyList<Activity> LibrarySpans(Activity root) =>
        [.. _stopped.Where(a => a.TraceId == root.TraceId && a.Source.Name == OpenAIAssistantsTelemetry.ActivitySourceName)];

    /// <summary>The stopped <c>System.Net.Http</c> activities (one per attempt) in the trace of <paramref name="root"/>.</summary>
    public IReadOnlyList<Activity> HttpSpans(Activity root) =>
        [.. _stopped.Where(a => a.TraceId == root.TraceId && a.Source.Name == "System.Net.Http")];

    public void Dispose() => _listener.Dispose();
}
