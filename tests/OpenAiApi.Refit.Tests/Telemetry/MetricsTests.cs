using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>The two histograms of the <c>OpenAiApi.Refit</c> meter. The meter is process-wide, so each test keeps only the
/// measurements of its own server (port) or of its own model name.</summary>
public sealed class MetricsTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string Model = "gpt-metrics-test";

    private int Port => new Uri(_stub.Server.Url!).Port;

    [Test]
    public async Task GetRun_Success_RecordsOneDurationWithGenAiTags()
    {
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("in_progress"));
        using var collector = new MetricCollector<double>(OpenAITelemetry.OperationDuration);

        await _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId);

        var measurements = collector.GetMeasurementSnapshot().Where(m => Equals(Tag(m.Tags, "server.port"), Port)).ToList();
        Assert.That(measurements, Has.Count.EqualTo(1));
        var measurement = measurements[0];
        Assert.Multiple(() =>
        {
            Assert.That(OpenAITelemetry.OperationDuration.Name, Is.EqualTo("gen_ai.client.operation.duration"));
            Assert.That(OpenAITelemetry.OperationDuration.Unit, Is.EqualTo("s"));
            Assert.That(OpenAITelemetry.OperationDuration.Meter.Name, Is.EqualTo("OpenAiApi.Refit"));
            Assert.That(measurement.Value, Is.GreaterThanOrEqualTo(0).And.LessThan(60));
            Assert.That(measurement.Tags["gen_ai.operation.name"], Is.EqualTo("get_run"));
            Assert.That(measurement.Tags["gen_ai.system"], Is.EqualTo("openai"));
            Assert.That(measurement.Tags["gen_ai.provider.name"], Is.EqualTo("openai"));
            Assert.That(measurement.Tags["server.address"], Is.EqualTo("127.0.0.1"));
            Assert.That(measurement.Tags.ContainsKey("error.type"), Is.False);
            Assert.That(measurement.Tags.ContainsKey("gen_ai.request.model"), Is.False, "a GET names no model");
        });
    }

    [Test]
    public async Task CreateRun_WithModel_TagsTheDurationWithTheRequestModel()
    {
        _stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
        using var collector = new MetricCollector<double>(OpenAITelemetry.OperationDuration);

        await _stub.Runs.CreateRunAsync(RunsJson.ThreadId, new Models.RunCreationOptions("asst_abc") { Model = Model });

        var measurement = collector.GetMeasurementSnapshot().Single(m => Equals(Tag(m.Tags, "server.port"), Port));
        Assert.That(measurement.Tags["gen_ai.operation.name"], Is.EqualTo("invoke_agent"));
        Assert.That(measurement.Tags["gen_ai.request.model"], Is.EqualTo(Model));
    }

    [Test]
    public void GetRun_Failure_TagsTheDurationWithTheErrorType()
    {
        _stub.Given("GET", RunsJson.RunPath, """{"error":{"message":"nope","type":"invalid_request_error","param":null,"code":null}}""", 400);
        using var collector = new MetricCollector<double>(OpenAITelemetry.OperationDuration);

        Assert.ThrowsAsync<OpenAIBadRequestException>(() => _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        var measurement = collector.GetMeasurementSnapshot().Single(m => Equals(Tag(m.Tags, "server.port"), Port));
        Assert.That(measurement.Tags["error.type"], Is.EqualTo("400"));
    }

    [Test]
    public async Task WaitForRun_CompletedWithUsage_RecordsInputAndOutputTokensOnce()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("in_progress").Replace("\"gpt-4o\"", $"\"{Model}\""), RunsJson.Run("completed").Replace("\"gpt-4o\"", $"\"{Model}\""));
        using var collector = new MetricCollector<long>(OpenAITelemetry.TokenUsage);

        await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = _stub.Time });

        var measurements = collector.GetMeasurementSnapshot().Where(m => Equals(Tag(m.Tags, "gen_ai.response.model"), Model)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(OpenAITelemetry.TokenUsage.Name, Is.EqualTo("gen_ai.client.token.usage"));
            Assert.That(OpenAITelemetry.TokenUsage.Unit, Is.EqualTo("{token}"));
            Assert.That(measurements.Select(m => (m.Tags["gen_ai.token.type"], m.Value)), Is.EquivalentTo(new[] { ((object?)"input", 34L), ((object?)"output", 12L) }));
            Assert.That(measurements.Select(m => m.Tags["gen_ai.operation.name"]), Is.All.EqualTo("invoke_agent"));
            Assert.That(measurements.Select(m => m.Tags["gen_ai.provider.name"]), Is.All.EqualTo("openai"));
        });
    }

    [Test]
    public async Task WaitForRun_RequiresAction_RecordsNoTokens()
    {
        _stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("requires_action", toolCalls: [("call_1", "f", "{}")])
            .Replace("\"gpt-4o\"", $"\"{Model}-2\"")
            .Replace("\"usage\":null", "\"usage\":{\"completion_tokens\":5,\"prompt_tokens\":7,\"total_tokens\":12}"));
        using var collector = new MetricCollector<long>(OpenAITelemetry.TokenUsage);

        await _stub.Runs.WaitForRunAsync(RunsJson.ThreadId, RunsJson.RunId, new RunWaitOptions { TimeProvider = _stub.Time });

        Assert.That(collector.GetMeasurementSnapshot().Where(m => Equals(Tag(m.Tags, "gen_ai.response.model"), Model + "-2")), Is.Empty,
            "a run that has not ended is not counted, though it reports usage so far");
    }

    private static object? Tag(IReadOnlyDictionary<string, object?> tags, string key) => tags.TryGetValue(key, out object? value) ? value : null;
}
