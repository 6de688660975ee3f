using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Redirects are not followed and the key never shows up in logs, exceptions or option dumps (RELIABILITY §0.7, rows 32–34).
/// Logging runs at Trace level, where <c>IHttpClientFactory</c> logs every request header.</summary>
public sealed class SecurityTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";

    private WireMockServer _evil = null!;

    private FakeLogCollector Logs => _stub.Services.GetFakeLogCollector();

    [OneTimeSetUp]
    public void StartSecondServer() => _evil = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    [OneTimeTearDown]
    public void StopSecondServer()
    {
        _evil?.Stop();
        _evil?.Dispose();
    }

    [SetUp]
    public void ClearLogs()
    {
        _evil.Reset();
        _evil.Given(Request.Create().WithPath("/*")).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(AssistantJson));
        Logs.Clear();
    }

    [TestCase(307)]
    [TestCase(302)]
    [TestCase(301)]
    [Property("ReliabilityRow", "32")]
    public void GetAssistant_RedirectToAnotherHost_IsNotFollowed(int status)
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Location", _evil.Url + "/steal"));

        var ex = Assert.ThrowsAsync<OpenAIApiException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(_evil.LogEntries, Is.Empty, "the redirect target was never contacted");
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "a redirect is not retried");
        });
    }

    [Test]
    [Property("ReliabilityRow", "32")]
    public void CreateMessage_308Redirect_BodyAndHeadersAreNotForwarded()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath("/v1/threads/thread_abc123/messages"))
            .RespondWith(Response.Create().WithStatusCode(308).WithHeader("Location", _evil.Url + "/steal"));

        var ex = Assert.ThrowsAsync<OpenAIApiException>(async () =>
            await _stub.Messages.CreateMessageAsync("thread_abc123", MessageCreationOptions.User("my secret plans")));

        Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect));
        Assert.That(_evil.LogEntries, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "34")]
    public void Logs_SuccessAndFailureAtTraceLevel_NeverContainTheKey()
    {
        _stub.Given("GET", AssistantPath, AssistantJson);
        _stub.Given("GET", "/v1/threads/thread_abc123", ErrorJson("Incorrect API key provided.", "invalid_request_error", "invalid_api_key", null), 401);

        Assert.DoesNotThrowAsync(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));
        var failure = Assert.ThrowsAsync<OpenAIAuthenticationException>(async () => await _stub.Threads.GetThreadAsync("thread_abc123"));

        IReadOnlyList<FakeLogRecord> records = Logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty);
        Assert.That(records.Any(r => r.Message.Contains("/v1/assistants/asst_abc123", StringComparison.Ordinal) && r.Message.Contains("200", StringComparison.Ordinal)), Is.True,
            "the success was logged (so the check below means something)");
        Assert.That(records.Any(r => r.Message.Contains("/v1/threads/thread_abc123", StringComparison.Ordinal) && r.Message.Contains("401", StringComparison.Ordinal)), Is.True,
            "the failure was logged");
        foreach (FakeLogRecord record in records)
        {
            Assert.That(Render(record), Does.Not.Contain(ApiKey), $"log record {record.Category}/{record.Id} leaks the key");
        }

        Assert.That(failure!.ToString(), Does.Not.Contain(ApiKey));
    }

    [Test]
    public void ExceptionToString_For401And500_DoesNotContainTheKey()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("Incorrect API key provided: sk-tes***-key.", "invalid_request_error", "invalid_api_key", null), 401);
        _stub.Given("GET", "/v1/threads/thread_abc123", ErrorJson("Boom", "server_error", null, null), 500);

        var unauthorized = Assert.ThrowsAsync<OpenAIAuthenticationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));
        var serverError = Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Threads.GetThreadAsync("thread_abc123"));

        AssertNoKey(unauthorized!);
        AssertNoKey(serverError!);
    }

    [Test]
    public void ExceptionToString_ForResponseValidation_DoesNotContainTheKey()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>portal</html>"));

        var ex = Assert.ThrowsAsync<OpenAIResponseValidationException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        AssertNoKey(ex!);
    }

    [Test]
    public async Task ExceptionToString_ForConnectionRefused_DoesNotContainTheKey()
    {
        await using ServiceProvider provider = BuildProvider(RefusingBaseAddress(), new TestClock());

        var ex = Assert.ThrowsAsync<OpenAIConnectionException>(async () => await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));

        AssertNoKey(ex!);
    }

    [Test]
    public async Task ExceptionToString_ForTimeout_DoesNotContainTheKey()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_slow"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ThreadJson).WithDelay(TimeSpan.FromSeconds(1.5)));
        await using ServiceProvider provider = BuildProvider(new Uri(_stub.Server.Url + "/v1/"), new TestClock(), o =>
        {
            o.AttemptTimeout = TimeSpan.FromMilliseconds(100);
            o.MaxRetries = 0;
        });

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () => await provider.GetRequiredService<IThreadsApi>().GetThreadAsync("thread_slow"));

        AssertNoKey(ex!);
    }

    [Test]
    [Property("ReliabilityRow", "34")]
    public void OptionsToString_DoesNotContainTheKey()
    {
        var options = _stub.Services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;

        Assert.That(options.ApiKey, Is.EqualTo(ApiKey), "the options under test hold the key");
        Assert.That(options.ToString(), Does.Not.Contain(ApiKey).And.Contain("redacted"));
        Assert.That(new OpenAIAssistantsClientOptions { ApiKey = ApiKey }.ToString(), Does.Not.Contain(ApiKey));
    }

    [Test]
    [Property("ReliabilityRow", "34")]
    public async Task GetAssistant_Key_IsSentOnlyAsBearerAuthorization()
    {
        _stub.Given("GET", AssistantPath, AssistantJson);

        await _stub.Assistants.GetAssistantAsync("asst_abc123");

        var request = _stub.SingleRequest.RequestMessage;
        Assert.That(HeaderOf(_stub.SingleRequest, "Authorization"), Is.EqualTo("Bearer " + ApiKey));
        Assert.That(request.Url, Does.Not.Contain(ApiKey));
        Assert.That(request.Headers!.Where(h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)).SelectMany(h => h.Value), Has.None.Contain(ApiKey));
    }

    private void ConfigureServices(IServiceCollection services) =>
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());

    private static void AssertNoKey(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            Assert.That(e.Message, Does.Not.Contain(ApiKey));
            foreach (System.Collections.DictionaryEntry entry in e.Data)
            {
                Assert.That($"{entry.Key}={entry.Value}", Does.Not.Contain(ApiKey));
            }
        }

        Assert.That(ex.ToString(), Does.Not.Contain(ApiKey));
    }

    private static string Render(FakeLogRecord record)
    {
        var text = new System.Text.StringBuilder(record.Message);
        foreach (KeyValuePair<string, string?> pair in record.StructuredState ?? [])
        {
            text.Append('|').Append(pair.Key).Append('=').Append(pair.Value);
        }

        foreach (object? scope in record.Scopes)
        {
            text.Append('|').Append(scope);
        }

        text.Append('|').Append(record.Exception);
        return text.ToString();
    }
}

/// <summary>Options validation: resolved options (and the interfaces) fail for an insecure address, a missing key or too many retries.</summary>
public sealed class OptionsValidationTests
{
    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.BaseAddress = new Uri("http://api.example.com/v1/")), "https").SetArgDisplayNames("http non-loopback");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.BaseAddress = new Uri("http://10.0.0.5:8080/v1/")), "https").SetArgDisplayNames("http private ip");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.ApiKey = null), "ApiKey").SetArgDisplayNames("missing key");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.ApiKey = "   "), "ApiKey").SetArgDisplayNames("blank key");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.MaxRetries = 11), "MaxRetries").SetArgDisplayNames("MaxRetries 11");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.MaxRetries = -1), "MaxRetries").SetArgDisplayNames("MaxRetries -1");
        yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.AttemptTimeout = TimeSpan.Zero), "AttemptTimeout").SetArgDisplayNames("AttemptTimeout 0");
    }

    [TestCaseSource(nameof(InvalidOptions))]
    [Property("ReliabilityRow", "33")]
    public void ResolveOptions_InvalidValue_ThrowsOptionsValidationException(Action<OpenAIAssistantsClientOptions> breakIt, string named)
    {
        using ServiceProvider provider = Build(breakIt);

        var ex = Assert.Throws<OptionsValidationException>(() => _ = provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value);

        Assert.That(ex!.Message, Does.Contain(named));
        Assert.That(ex.Message, Does.Not.Contain(StubServer.ApiKey));
    }

    [TestCaseSource(nameof(InvalidOptions))]
    [Property("ReliabilityRow", "33")]
    public void ResolveInterface_InvalidValue_ThrowsOptionsValidationException(Action<OpenAIAssistantsClientOptions> breakIt, string named)
    {
        using ServiceProvider provider = Build(breakIt);

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAssistantsApi>());

        Assert.That(ex!.Message, Does.Contain(named));
    }

    [TestCase("https://api.example.com/v1/")]
    [TestCase("https://10.0.0.5/v1/")]
    [TestCase("http://127.0.0.1:5080/v1/")]
    [TestCase("http://[::1]:5080/v1/")]
    [TestCase("http://localhost:5080/v1/")]
    [Property("ReliabilityRow", "33")]
    public void ResolveOptions_SecureOrLoopbackAddress_IsAccepted(string baseAddress)
    {
        using ServiceProvider provider = Build(o => o.BaseAddress = new Uri(baseAddress));

        OpenAIAssistantsClientOptions options = provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;

        Assert.That(options.BaseAddress, Is.EqualTo(new Uri(baseAddress)));
        Assert.That(provider.GetRequiredService<IAssistantsApi>(), Is.Not.Null);
    }

    [Test]
    public void ResolveOptions_KeyProviderInsteadOfKey_IsAccepted()
    {
        using ServiceProvider provider = Build(o =>
        {
            o.ApiKey = null;
            o.ApiKeyProvider = _ => ValueTask.FromResult("sk-from-vault");
        });

        Assert.That(provider.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value.ApiKeyProvider, Is.Not.Null);
    }

    private static ServiceProvider Build(Action<OpenAIAssistantsClientOptions> change)
    {
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = StubServer.ApiKey;
            o.BaseAddress = new Uri("https://api.example.com/v1/");
            change(o);
        });
        return services.BuildServiceProvider();
    }
}
