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

/// <summary>Transport failures and unusable success bodies (RELIABILITY rows 10, 13–15).</summary>
public sealed class TransportTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";

    private readonly AttemptCounter _attempts = new();
    private readonly FlakyHandlerState _flaky = new();

    [SetUp]
    public void ResetState()
    {
        _attempts.Reset();
        _flaky.FailuresLeft = 0;
    }

    [Test]
    [Property("ReliabilityRow", "10")]
    public async Task GetAssistant_ConnectionRefused_ThrowsConnectionExceptionAfterThreeAttempts()
    {
        var attempts = new AttemptCounter();
        var time = new TestClock();
        await using ServiceProvider provider = BuildProvider(RefusingBaseAddress(), time, configureServices: s => AddAttemptCounter(s, attempts));

        var ex = Assert.ThrowsAsync<OpenAIConnectionException>(async () => await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex, Is.TypeOf<OpenAIConnectionException>(), "not a timeout");
            Assert.That(ex!.InnerException, Is.InstanceOf<HttpRequestException>());
            Assert.That(((HttpRequestException)ex.InnerException!).HttpRequestError, Is.EqualTo(HttpRequestError.ConnectionError));
            Assert.That(ex.Message, Does.Contain("GET").And.Contain("/v1/assistants/asst_abc123"));
            Assert.That(ex.RequestId, Is.Null);
            Assert.That(attempts.Count, Is.EqualTo(3));
            Assert.That(time.Delays, Has.Count.EqualTo(2));
        });
    }

    [Test]
    [Property("ReliabilityRow", "10")]
    public async Task GetAssistant_ConnectionResetOnce_SucceedsOnTheSecondAttempt()
    {
        _stub.Given("GET", AssistantPath, AssistantJson);
        _flaky.FailuresLeft = 1;

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        AssertAssistant(assistant);
        Assert.Multiple(() =>
        {
            Assert.That(_attempts.Count, Is.EqualTo(2), "the failed attempt and the retry");
            Assert.That(_flaky.FailuresLeft, Is.Zero);
            Assert.That(_stub.Time.Delays, Has.Count.EqualTo(1));
        });
        AssertRequest(_stub.SingleRequest, "GET", AssistantPath);
    }

    [Test]
    [Property("ReliabilityRow", "14")]
    public void GetAssistant_2xxWithEmptyBody_ThrowsResponseValidationWithoutRetry()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req_empty").WithBody(string.Empty));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.ContentType, Does.StartWith("application/json"));
            Assert.That(ex.RequestId, Is.EqualTo("req_empty"));
            Assert.That(ex.Message, Does.Contain("empty"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "15")]
    public void GetAssistant_200WithHtml_ThrowsResponseValidationNamingTheContentType()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html; charset=utf-8").WithHeader("x-request-id", "req_portal")
                .WithBody("<html><body>Please log in to the hotel Wi-Fi</body></html>"));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.ContentType, Does.StartWith("text/html"));
            Assert.That(ex.RequestId, Is.EqualTo("req_portal"));
            Assert.That(ex.Message, Does.Contain("text/html"));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    [Property("ReliabilityRow", "13")]
    public void GetAssistant_200WithMalformedJson_ThrowsResponseValidationWithJsonInner()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("x-request-id", "req_bad")
                .WithBody("{\"id\":\"asst_abc123\",\"object\":"));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ex.ContentType, Does.StartWith("application/json"));
            Assert.That(ex.RequestId, Is.EqualTo("req_bad"));
            Assert.That(ex.InnerException, Is.InstanceOf<JsonException>());
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
            Assert.That(_stub.Time.Delays, Is.Empty);
        });
    }

    [Test]
    [Property("ReliabilityRow", "13")]
    public void CreateRun_200WithMalformedJson_PostIsNotRetried()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath("/v1/threads/thread_abc123/runs"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("{\"id\":\"run_1\",\"status\":"));

        Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123")));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    [Property("ReliabilityRow", "14")]
    public void GetAssistant_200WithJsonNull_ThrowsResponseValidation()
    {
        _stub.Given("GET", AssistantPath, "null");

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    private void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName)
            .AddHttpMessageHandler(() => new CountingHandler(_attempts))
            .AddHttpMessageHandler(() => new FlakyHandler(_flaky));

    /// <summary>How many attempts the <see cref="FlakyHandler"/> still fails.</summary>
    private sealed class FlakyHandlerState
    {
        public int FailuresLeft;
    }

    /// <summary>Fails attempts with a connection error (as a reset socket would) while failures are left, then passes through.</summary>
    private sealed class FlakyHandler(FlakyHandlerState state) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Decrement(ref state.FailuresLeft) >= 0)
            {
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Connection reset by peer", new IOException("reset"));
            }

            Interlocked.Exchange(ref state.FailuresLeft, 0);
            return base.SendAsync(request, cancellationToken);
        }
    }
}

/// <summary>A server slower than the attempt timeout (1.5 s against 200 ms, one retry): each attempt times out, then the call fails
/// (row 11). Takes real time (two attempts of 200 ms); the delay is kept short because stopping the server waits for the delayed
/// responses. Were the attempts not cut, the first one would succeed after 1.5 s.</summary>
public sealed class AttemptTimeoutTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions, ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private readonly AttemptCounter _attempts = new();

    [Test]
    [Property("ReliabilityRow", "11")]
    public void GetAssistant_ServerSlowerThanAttemptTimeout_ThrowsTimeoutAfterTwoAttempts()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AssistantJson).WithDelay(TimeSpan.FromSeconds(1.5)));

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("/v1/assistants/asst_abc123"));
            Assert.That(ex, Is.InstanceOf<OpenAIConnectionException>(), "a timeout is a connection failure");
            Assert.That(ex.RunId, Is.Null, "only a stalled run stream names a run");
            Assert.That(_attempts.Count, Is.EqualTo(2));
            Assert.That(_stub.Time.Delays, Has.Count.EqualTo(1));
        });
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options)
    {
        options.AttemptTimeout = TimeSpan.FromMilliseconds(200);
        options.MaxRetries = 1;
    }

    private void ConfigureServices(IServiceCollection services) => AddAttemptCounter(services, _attempts);
}
