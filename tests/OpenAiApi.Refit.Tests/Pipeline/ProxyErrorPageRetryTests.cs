using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Runs;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// RELIABILITY §1 rows 6 and 12, the parts not proven elsewhere (docs/reliability.md maps the other retry rows, 1–5 and 7–11, to
/// Pipeline/RetryTests, ErrorTranslationTests and TransportTests). Error bodies are kept up to 2 Ki characters here, the matrix's
/// example for a proxy page.
/// </summary>
public sealed class ProxyErrorPageRetryTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";
    private const int ErrorBodyCap = 2048;

    [TestCase(500)]
    [TestCase(502)]
    [TestCase(504)]
    [Property("ReliabilityRow", "6")]
    public void ProxyHtmlErrorPage_IsRetriedThenInternalServerErrorWithTheBodyTruncated(int status)
    {
        string html = "<html><head><title>" + status + " Gateway</title></head><body>" + new string('p', 100_000) + "</body></html>";
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "text/html; charset=utf-8")
                .WithHeader("x-request-id", "req_proxy").WithBody(html));

        var ex = Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.ErrorCode, Is.Null);
            Assert.That(ex.Param, Is.Null);
            Assert.That(ex.ErrorMessage, Is.Null);
            Assert.That(ex.RequestId, Is.EqualTo("req_proxy"));
            Assert.That(ex.ResponseBody, Is.EqualTo(html[..ErrorBodyCap]), "the body is cut at MaxErrorContentLength");
            Assert.That(ex.Message, Does.StartWith($"HTTP {status}: <html>").And.Contain("req_proxy"));
            Assert.That(ex.Message, Has.Length.LessThan(400), "the message quotes only the start of the page");
            Assert.That(ex.InnerException, Is.Null, "no JSON parse error leaks out");
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(3), ">= 500 is retried twice");
            Assert.That(_stub.Time.Delays, Has.Count.EqualTo(2));
        });
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.MaxErrorContentLength = ErrorBodyCap;
}

/// <summary>
/// Row 12, cancellation during the wait between two attempts (cancellation while an attempt is in flight and before the first one
/// are Pipeline/RetryTests). A FakeTimeProvider-based clock holds the backoff until the test moves it, so the test
/// cancels exactly while the client waits to retry, with no real sleep.
/// </summary>
public sealed class CancelBetweenRetriesTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private readonly TestClock _clock = TestClock.Manual();

    [Test]
    [Property("ReliabilityRow", "12")]
    public async Task CallerCancelsDuringTheWaitBetweenRetries_ThrowsOperationCanceledAndSendsNoRetry()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", ErrorJson("Overloaded", "server_error", null, null), 503);
        using var cts = new CancellationTokenSource();

        Task call = _stub.Assistants.GetAssistantAsync("asst_abc123", cts.Token);
        TimeSpan backoff = await _clock.NextTimerAsync(); // the client is now waiting to retry
        Assert.That(backoff, Is.InRange(TimeSpan.FromSeconds(0.375), TimeSpan.FromSeconds(0.5)), "the first backoff");
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
        Assert.That(call.IsCompleted, Is.False, "the wait holds the call");

        await cts.CancelAsync();
        var ex = Assert.CatchAsync<OperationCanceledException>(async () => await call.WaitAsync(TimeSpan.FromSeconds(10)));
        _clock.Advance(TimeSpan.FromMinutes(1)); // had the wait survived the cancellation, the retry would go out now

        Assert.Multiple(() =>
        {
            for (Exception? e = ex; e is not null; e = e.InnerException)
            {
                Assert.That(e, Is.Not.InstanceOf<OpenAIException>(), "the cancellation is not wrapped in a library exception");
            }

            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "no retry after the cancellation");
        });
    }

    private void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(_clock);
}
