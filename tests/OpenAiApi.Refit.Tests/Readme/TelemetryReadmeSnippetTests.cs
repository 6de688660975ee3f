using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using OpenAiApi.Refit.Diagnostics;
using OpenAiApi.Refit.Models;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace OpenAiApi.Refit.Tests.Readme;

/// <summary>The snippets of the README's "Logging and telemetry", "Response metadata" and "Azure OpenAI profile" sections, compiled
/// and run against WireMock.</summary>
[NonParallelizable] // the OpenTelemetry SDK listens process-wide; the test keeps only its own trace
public sealed class TelemetryReadmeSnippetTests
{
    private const string RunJson = """
        {"id":"run_1","object":"thread.run","created_at":1,"thread_id":"thread_1","assistant_id":"asst_1","status":"in_progress",
         "model":"gpt-4o","tools":[],"metadata":{}}
        """;

    private WireMockServer _server = null!;

    [OneTimeSetUp]
    public void Start() => _server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    [OneTimeTearDown]
    public void Stop() => _server.Dispose();

    [SetUp]
    public void Reset() => _server.Reset();

    [Test]
    public async Task TelemetrySnippet_OpenTelemetrySubscription_ExportsTheOperationSpan()
    {
        _server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_1/runs/run_1")).RespondWith(Json(RunJson));
        string apiKey = "test-key";
        var baseAddress = new Uri(_server.Url + "/v1/");
        var services = new ServiceCollection();

        // README: "Logging and telemetry".
        services.AddOpenAIAssistants(o => { o.ApiKey = apiKey; o.BaseAddress = baseAddress; });
        services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(OpenAIAssistantsTelemetry.ActivitySourceName))  // "OpenAiApi.Refit"
            .WithMetrics(metrics => metrics.AddMeter(OpenAIAssistantsTelemetry.MeterName));           // "OpenAiApi.Refit"

        var exported = new List<Activity>();
        services.ConfigureOpenTelemetryTracerProvider(b => b.AddProcessor(new SimpleActivityExportProcessor(new ListExporter(exported))));
        await using ServiceProvider provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<TracerProvider>();
        _ = provider.GetRequiredService<MeterProvider>();
        using var root = new ActivitySource("readme-test").StartActivity("root");
        ActivityTraceId? trace = root?.TraceId;

        await provider.GetRequiredService<IRunsApi>().GetRunAsync("thread_1", "run_1");

        Activity span;
        lock (exported)
        {
            span = exported.Single(a => a.OperationName == "get_run" && (trace is null || a.TraceId == trace));
        }

        Assert.That(span.GetTagItem("gen_ai.operation.name"), Is.EqualTo("get_run"));
        Assert.That(span.Source.Name, Is.EqualTo("OpenAiApi.Refit"));
    }

    [Test]
    public async Task ResponseMetadataSnippet_LogsTheRequestIdAndRateLimits()
    {
        _server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_1/runs/run_1")).RespondWith(Json(RunJson)
            .WithHeader("x-request-id", "req_readme").WithHeader("openai-processing-ms", "12")
            .WithHeader("x-ratelimit-limit-requests", "500").WithHeader("x-ratelimit-remaining-requests", "499").WithHeader("x-ratelimit-reset-requests", "120ms"));
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => { o.ApiKey = "test"; o.BaseAddress = new Uri(_server.Url + "/v1/"); });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IRunsApi runs = provider.GetRequiredService<IRunsApi>();
        ILogger logger = NullLogger.Instance;
        string threadId = "thread_1", runId = "run_1";
        CancellationToken cancellationToken = CancellationToken.None;

        // README: "Response metadata".
        OpenAIResponse<ThreadRun> response = await runs.WithResponseAsync(r => r.GetRunAsync(threadId, runId, cancellationToken));
        ThreadRun run = response.Value;
        OpenAIResponseMetadata metadata = response.Metadata;
        logger.LogInformation("Request {RequestId} took {Time}; {Left} of {Limit} requests left, reset in {Reset}",
            metadata.RequestId, metadata.ProcessingTime, metadata.RateLimits.RemainingRequests, metadata.RateLimits.LimitRequests,
            metadata.RateLimits.ResetRequests);

        Assert.Multiple(() =>
        {
            Assert.That(run.Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(metadata.RequestId, Is.EqualTo("req_readme"));
            Assert.That(metadata.ProcessingTime, Is.EqualTo(TimeSpan.FromMilliseconds(12)));
            Assert.That(metadata.RateLimits.RemainingRequests, Is.EqualTo(499));
            Assert.That(metadata.RateLimits.LimitRequests, Is.EqualTo(500));
            Assert.That(metadata.RateLimits.ResetRequests, Is.EqualTo(TimeSpan.FromMilliseconds(120)));
        });
    }

    [Test]
    public async Task RateLimitSnippet_UsesTheResetWhenThereIsNoRetryAfter()
    {
        _server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_1/runs/run_1")).RespondWith(
            Json("""{"error":{"message":"Rate limit reached","type":"tokens","param":null,"code":"rate_limit_exceeded"}}""", 429)
                .WithHeader("x-should-retry", "false").WithHeader("x-ratelimit-remaining-tokens", "0").WithHeader("x-ratelimit-reset-requests", "2s"));
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => { o.ApiKey = "test"; o.BaseAddress = new Uri(_server.Url + "/v1/"); });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IRunsApi runs = provider.GetRequiredService<IRunsApi>();
        ILogger logger = NullLogger.Instance;
        TimeSpan? waited = null;

        try
        {
            await runs.GetRunAsync("thread_1", "run_1");
        }
        // README: "Response metadata" (the 429).
        catch (OpenAIRateLimitException ex)
        {
            TimeSpan wait = ex.RetryAfter ?? ex.RateLimits.ResetRequests ?? TimeSpan.FromSeconds(1);
            logger.LogWarning("Rate limited ({Remaining} tokens left); retrying in {Wait}", ex.RateLimits.RemainingTokens, wait);
            waited = wait;
        }

        Assert.That(waited, Is.EqualTo(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public async Task AzureSnippets_KeyAndToken_SendTheAzureRequests()
    {
        _server.Given(Request.Create().UsingGet().WithPath("/openai/threads/thread_1/runs/run_1")).RespondWith(Json(RunJson));
        string azureKey = "azure-key";
        static ValueTask<string> GetEntraTokenAsync(CancellationToken cancellationToken) => ValueTask.FromResult("entra-token");

        // README: "Azure OpenAI profile" (the endpoint replaced by the test server's).
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = azureKey;
            o.UseAzure(new Uri(_server.Url + "/"), apiVersion: "2024-05-01-preview");
        });
        var tokenServices = new ServiceCollection();
        tokenServices.AddOpenAIAssistants(o => o.UseAzure(
            new Uri(_server.Url + "/"), "2024-05-01-preview", cancellationToken => GetEntraTokenAsync(cancellationToken)));

        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            await provider.GetRequiredService<IRunsApi>().GetRunAsync("thread_1", "run_1");
        }

        await using (ServiceProvider provider = tokenServices.BuildServiceProvider())
        {
            await provider.GetRequiredService<IRunsApi>().GetRunAsync("thread_1", "run_1");
        }

        var requests = _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => e.RequestMessage).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => r.Query!["api-version"].Single()), Is.All.EqualTo("2024-05-01-preview"));
            Assert.That(requests[0].Headers!["api-key"].Single(), Is.EqualTo("azure-key"));
            Assert.That(requests[1].Headers!["Authorization"].Single(), Is.EqualTo("Bearer entra-token"));
        });
    }

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);

    private sealed class ListExporter(List<Activity> into) : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch)
        {
            lock (into)
            {
                foreach (Activity activity in batch)
                {
                    into.Add(activity);
                }
            }

            return ExportResult.Success;
        }
    }
}
