using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Retry classification and delays with the default options (MaxRetries = 2): RELIABILITY §0.1–0.2, rows 1–5, 7–9, 12, 31.
/// The <see cref="TestClock"/> makes every wait instant and records it.</summary>
public sealed class RetryTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";
    private const string RunsPath = "/v1/threads/thread_abc123/runs";

    private readonly AttemptCounter _attempts = new();

    [SetUp]
    public void ResetCounter() => _attempts.Reset();

    [Test]
    [Property("ReliabilityRow", "5")]
    public async Task GetAssistant_503Then200_RetriesOnceAndSucceeds()
    {
        FailOnceThenSucceed("GET", AssistantPath, Response.Create().WithStatusCode(503).WithBody(ErrorJson("Overloaded", "server_error", null, null)));

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        AssertAssistant(assistant);
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
        Assert.That(_stub.LogEntries.Select(e => e.ResponseMessage.StatusCode), Is.EqualTo(new object[] { 503, 200 }));
        foreach (var entry in _stub.LogEntries)
        {
            AssertRequest(entry, "GET", AssistantPath);
        }

        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(1));
        Assert.That(_stub.Time.Delays[0], Is.InRange(TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(0.5)), "no header: exponential backoff");
    }

    [Test]
    [Property("ReliabilityRow", "1")]
    public async Task GetAssistant_429WithRetryAfterSeconds_WaitsThatLong()
    {
        FailOnceThenSucceed("GET", AssistantPath, RateLimited().WithHeader("Retry-After", "2"));

        AssertAssistant(await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2) }));
    }

    [TestCase("2.5", 2500)]
    [TestCase("60", 60_000)]
    [Property("ReliabilityRow", "1")]
    public async Task GetAssistant_429WithRetryAfterUpToTheCap_WaitsThatLong(string retryAfter, int expectedMs)
    {
        FailOnceThenSucceed("GET", AssistantPath, RateLimited().WithHeader("Retry-After", retryAfter));

        AssertAssistant(await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(expectedMs) }));
    }

    [Test]
    [Property("ReliabilityRow", "2")]
    public async Task GetAssistant_RetryAfterMsAndRetryAfter_RetryAfterMsWins()
    {
        FailOnceThenSucceed("GET", AssistantPath, RateLimited().WithHeader("retry-after-ms", "1500").WithHeader("Retry-After", "5"));

        AssertAssistant(await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(1500) }));
    }

    [Test]
    [Property("ReliabilityRow", "2")]
    public async Task GetAssistant_RetryAfterHttpDate_WaitsUntilThatDate()
    {
        _stub.Time.Now = new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
        string date = _stub.Time.Now.AddSeconds(7).ToString("r", CultureInfo.InvariantCulture);
        FailOnceThenSucceed("GET", AssistantPath, RateLimited().WithHeader("Retry-After", date));

        AssertAssistant(await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(7) }));
    }

    [TestCase("3600", 3600)]
    [TestCase("61", 61)]
    [Property("ReliabilityRow", "3")]
    public void GetAssistant_RetryAfterAboveTheCap_DoesNotRetryAndExposesRetryAfter(string retryAfter, int seconds)
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath)).RespondWith(RateLimited().WithHeader("Retry-After", retryAfter));

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(seconds)));
            Assert.That(ex.ErrorCode, Is.EqualTo("rate_limit_exceeded"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "4")]
    public void GetAssistant_429InsufficientQuota_DoesNotRetry()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("You exceeded your current quota.", "insufficient_quota", "insufficient_quota", null), 429);

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ErrorCode, Is.EqualTo("insufficient_quota"));
            Assert.That(ex.ErrorType, Is.EqualTo("insufficient_quota"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "7")]
    public void GetAssistant_500WithShouldRetryFalse_TriesOnce()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Boom", "server_error", null, null), 500, ("x-should-retry", "false"));

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        Assert.That(_stub.Time.Delays, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "7")]
    public void GetAssistant_400WithShouldRetryTrue_TriesThreeTimes()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Try again", "invalid_request_error", null, null), 400, ("x-should-retry", "true"));

        Assert.ThrowsAsync<OpenAIBadRequestException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
    }

    [TestCase(408, typeof(OpenAIApiException))]
    [TestCase(409, typeof(OpenAIConflictException))]
    [TestCase(429, typeof(OpenAIRateLimitException))]
    [TestCase(500, typeof(OpenAIInternalServerException))]
    [TestCase(502, typeof(OpenAIInternalServerException))]
    [TestCase(504, typeof(OpenAIInternalServerException))]
    [Property("ReliabilityRow", "8")]
    public void GetAssistant_RetryableStatus_TriesThreeTimes(int status, Type expectedType)
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Transient", "server_error", null, null), status);

        var ex = Assert.ThrowsAsync(expectedType, async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(((OpenAIApiException)ex!).StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
    }

    [TestCase(400)]
    [TestCase(401)]
    [TestCase(403)]
    [TestCase(404)]
    [TestCase(422)]
    [Property("ReliabilityRow", "9")]
    public void GetAssistant_NonRetryableStatus_TriesOnce(int status)
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Nope", "invalid_request_error", null, null), status);

        var ex = Assert.CatchAsync<OpenAIApiException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)status));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        Assert.That(_stub.Time.Delays, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "5")]
    public void GetAssistant_500WithoutRetryHeaders_BacksOffExponentiallyWithJitter()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Boom", "server_error", null, null), 500);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That(_stub.Time.Delays[0], Is.InRange(TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(0.5)));
            Assert.That(_stub.Time.Delays[1], Is.InRange(TimeSpan.FromSeconds(0.75), TimeSpan.FromSeconds(1.0)));
        });
    }

    [Test]
    [Property("ReliabilityRow", "31")]
    public void CreateRun_503ThreeTimes_PostIsRetriedWithIdenticalBodies()
    {
        _stub.Given("POST", RunsPath, ErrorJson("Overloaded", "server_error", null, null), 503);
        var options = new RunCreationOptions("asst_abc123")
        {
            Instructions = "Be brief.",
            Metadata = new Dictionary<string, string> { ["attempt"] = "one" },
            AdditionalMessages = [MessageCreationOptions.User("Hello")],
        };

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Runs.CreateRunAsync("thread_abc123", options));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        foreach (var entry in _stub.LogEntries)
        {
            AssertRequest(entry, "POST", RunsPath);
        }

        AssertIdenticalBodies([.. _stub.LogEntries]);
        JsonElement body = BodyOf(_stub.LogEntries[0]);
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc123"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("Be brief."));
            Assert.That(body.GetProperty("metadata").GetProperty("attempt").GetString(), Is.EqualTo("one"));
            Assert.That(body.GetProperty("additional_messages")[0].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(body.GetProperty("additional_messages")[0].GetProperty("content").GetString(), Is.EqualTo("Hello"));
        });
    }

    [Test]
    [Property("ReliabilityRow", "12")]
    public async Task GetAssistant_CallerCancelsWhileWaitingForTheServer_ThrowsOperationCanceledWithoutRetry()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AssistantJson).WithDelay(TimeSpan.FromSeconds(1.5)));
        using var cts = new CancellationTokenSource();

        Task<Assistant> call = _stub.Assistants.GetAssistantAsync("asst_abc123", cts.Token);
        await _attempts.FirstAttempt.WaitAsync(TimeSpan.FromSeconds(10)); // the request is on its way to the (slow) server
        cts.CancelAfter(TimeSpan.FromMilliseconds(50));
        var ex = Assert.CatchAsync<OperationCanceledException>(async () => await call);

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.TypeOf<OperationCanceledException>().Or.TypeOf<TaskCanceledException>(), "not wrapped in a library or Refit exception");
            Assert.That(ex!.InnerException, Is.Not.InstanceOf<OpenAIException>());
            Assert.That(_attempts.Count, Is.EqualTo(1), "a cancelled call is not retried");
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "12")]
    public void GetAssistant_TokenAlreadyCancelled_ThrowsOperationCanceledAndSendsNothing()
    {
        _stub.Given("GET", AssistantPath, AssistantJson);
        using var cts = new CancellationTokenSource();
        cts.Cancel();

        Assert.CatchAsync<OperationCanceledException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123", cts.Token));

        Assert.That(_attempts.Count, Is.Zero);
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    private void ConfigureServices(IServiceCollection services) => AddAttemptCounter(services, _attempts);

    private static IResponseBuilder RateLimited() =>
        Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
            .WithBody(ErrorJson("Rate limit reached for requests.", "requests", "rate_limit_exceeded", null));

    /// <summary>The first request gets <paramref name="failure"/>, every later one the assistant (a scenario with a self-loop).</summary>
    private void FailOnceThenSucceed(string method, string path, IResponseBuilder failure)
    {
        string scenario = Guid.NewGuid().ToString("N");
        _stub.Server.Given(Request.Create().UsingMethod(method).WithPath(path))
            .InScenario(scenario).WillSetStateTo("ok")
            .RespondWith(failure);
        _stub.Server.Given(Request.Create().UsingMethod(method).WithPath(path))
            .InScenario(scenario).WhenStateIs("ok").WillSetStateTo("ok")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AssistantJson));
    }
}

/// <summary>MaxRetries = 0 turns retries off entirely.</summary>
public sealed class RetriesDisabledTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public void GetAssistant_503WithMaxRetriesZero_TriesOnce()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", ErrorJson("Overloaded", "server_error", null, null), 503);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        Assert.That(_stub.Time.Delays, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "1")]
    public void GetAssistant_429WithRetryAfterAndMaxRetriesZero_TriesOnceAndExposesRetryAfter()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", ErrorJson("Slow down", "requests", "rate_limit_exceeded", null), 429, ("Retry-After", "2"));

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.MaxRetries = 0;
}

/// <summary>RetryPostRequests = false: a POST is never retried (no duplicate run or message), other methods still are.</summary>
public sealed class PostRetriesDisabledTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    [Property("ReliabilityRow", "31")]
    public void CreateRun_503WithPostRetriesOff_TriesOnce()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", ErrorJson("Overloaded", "server_error", null, null), 503);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123")));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        Assert.That(_stub.Time.Delays, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "31")]
    public void GetRun_503WithPostRetriesOff_IsStillRetried()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", ErrorJson("Overloaded", "server_error", null, null), 503);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Runs.GetRunAsync("thread_abc123", "run_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
        Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
    }

    [Test]
    public void DeleteThread_503WithPostRetriesOff_IsStillRetried()
    {
        _stub.Given("DELETE", "/v1/threads/thread_abc123", ErrorJson("Overloaded", "server_error", null, null), 503);

        Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Threads.DeleteThreadAsync("thread_abc123"));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(3));
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.RetryPostRequests = false;
}
