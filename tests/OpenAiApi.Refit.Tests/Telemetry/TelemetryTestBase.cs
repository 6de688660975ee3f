using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Tests.Runs;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The runs base (WireMock, sequences) with Trace-level fake logging and an activity recorder. Each test that looks at spans
/// starts a root activity of its own, and reads only the spans of that trace, so the fixtures running in parallel do not mix in.</summary>
public abstract class TelemetryTestBase : RunsTestBase
{
    public const string TestSourceName = "OpenAiApi.Refit.Tests.Telemetry";

    protected static readonly ActivitySource TestSource = new(TestSourceName);

    protected FakeLogCollector Logs => Services.GetFakeLogCollector();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());

    [TearDown]
    public void ClearLogs() => Logs.Clear();

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with the responses in turn (the last repeats), statuses included.</summary>
    protected void GivenStatuses(string method, string path, params (int Status, string Json, (string Name, string Value)[] Headers)[] responses)
    {
        string scenario = Guid.NewGuid().ToString("N");
        for (int i = 0; i < responses.Length; i++)
        {
            IResponseBuilder response = Response.Create().WithStatusCode(responses[i].Status).WithHeader("Content-Type", "application/json").WithBody(responses[i].Json);
            foreach ((string name, string value) in responses[i].Headers)
            {
                response = response.WithHeader(name, value);
            }

            IRespondWithAProvider provider = Server.Given(Request.Create().UsingMethod(method).WithPath(path)).InScenario(scenario);
            if (i > 0)
            {
                provider = provider.WhenStateIs("state" + i);
            }

            if (i < responses.Length - 1)
            {
                provider = provider.WillSetStateTo("state" + (i + 1));
            }

            provider.RespondWith(response);
        }
    }

    /// <summary>The records of one event id, in order.</summary>
    protected IReadOnlyList<FakeLogRecord> Events(int id) => [.. Logs.GetSnapshot().Where(r => r.Id.Id == id)];

    /// <summary>A value of the structured state of a record.</summary>
    protected static string? StateOf(FakeLogRecord record, string key) =>
        record.StructuredState?.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Asserts that no record, in its message, state, scopes or exception, holds the key.</summary>
    protected void AssertNoRecordHoldsTheKey()
    {
        IReadOnlyList<FakeLogRecord> records = Logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "something was logged (so the check means something)");
        foreach (FakeLogRecord record in records)
        {
            string text = record.Message + "|" + string.Join("|", (record.StructuredState ?? []).Select(p => p.Key + "=" + p.Value))
                + "|" + string.Join("|", record.Scopes) + "|" + record.Exception;
            Assert.That(text, Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"record {record.Category}/{record.Id} leaks the key");
        }
    }
}

/// <summary>Records the stopped activities of the library, of <c>System.Net.Http</c> and of the tests' own source.</summary>
public sealed class ActivityRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public ActivityRecorder()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is OpenAIAssistantsTelemetry.ActivitySourceName or "System.Net.Http" or TelemetryTestBase.TestSourceName,
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
