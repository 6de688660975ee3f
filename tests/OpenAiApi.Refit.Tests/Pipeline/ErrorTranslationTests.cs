using System.Net;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Error responses become the library's typed exceptions, carrying what the server said (RELIABILITY §0.6, rows 6 and 9).</summary>
public sealed class ErrorTranslationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";

    private static IEnumerable<TestCaseData> StatusCases()
    {
        yield return new TestCaseData(400, typeof(OpenAIBadRequestException), "invalid_request_error", "invalid_value", "model", 1).SetArgDisplayNames("400");
        yield return new TestCaseData(401, typeof(OpenAIAuthenticationException), "invalid_request_error", "invalid_api_key", null, 1).SetArgDisplayNames("401");
        yield return new TestCaseData(403, typeof(OpenAIPermissionDeniedException), "invalid_request_error", "unsupported_country_region_territory", null, 1).SetArgDisplayNames("403");
        yield return new TestCaseData(404, typeof(OpenAINotFoundException), "invalid_request_error", null, "assistant_id", 1).SetArgDisplayNames("404");
        yield return new TestCaseData(409, typeof(OpenAIConflictException), "invalid_request_error", "conflict", null, 3).SetArgDisplayNames("409");
        yield return new TestCaseData(422, typeof(OpenAIUnprocessableEntityException), "invalid_request_error", "unprocessable", "tools", 1).SetArgDisplayNames("422");
        yield return new TestCaseData(429, typeof(OpenAIRateLimitException), "requests", "rate_limit_exceeded", null, 3).SetArgDisplayNames("429");
        yield return new TestCaseData(500, typeof(OpenAIInternalServerException), "server_error", "internal_error", null, 3).SetArgDisplayNames("500");
        yield return new TestCaseData(503, typeof(OpenAIInternalServerException), "server_error", "overloaded", null, 3).SetArgDisplayNames("503");
    }

    [TestCaseSource(nameof(StatusCases))]
    [Property("ReliabilityRow", "9")]
    public void GetAssistant_ErrorStatus_ThrowsTypedExceptionWithServerFields(int status, Type expectedType, string type, string? code, string? param, int expectedAttempts)
    {
        string message = $"Status {status} from the server.";
        string body = ErrorJson(message, type, code, param);
        _stub.Given("GET", AssistantPath, body, status, ("x-request-id", $"req_{status}"));

        var ex = Assert.ThrowsAsync(expectedType, async () => await _stub.Assistants.GetAssistantAsync("asst_abc123")) as OpenAIApiException;

        Assert.That(ex, Is.Not.Null);
        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(ex.ErrorType, Is.EqualTo(type));
            Assert.That(ex.ErrorCode, Is.EqualTo(code));
            Assert.That(ex.Param, Is.EqualTo(param));
            Assert.That(ex.ErrorMessage, Is.EqualTo(message));
            Assert.That(ex.RequestId, Is.EqualTo($"req_{status}"));
            Assert.That(ex.RetryAfter, Is.Null);
            Assert.That(ex.ResponseBody, Is.EqualTo(body));
            Assert.That(ex.RequestPath, Is.EqualTo(AssistantPath));
            Assert.That(ex.Message, Does.Contain(message).And.Contain($"req_{status}").And.Contain(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Assert.That(ex.InnerException, Is.Null);
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(expectedAttempts));
        });
    }

    [Test]
    [Property("ReliabilityRow", "1")]
    public void GetAssistant_429WithRetryAfter_ExposesRetryAfter()
    {
        string body = ErrorJson("Rate limit reached for requests.", "requests", "rate_limit_exceeded", null);
        _stub.Given("GET", AssistantPath, body, 429, ("x-request-id", "req_rl"), ("Retry-After", "1"));

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(ex.ErrorCode, Is.EqualTo("rate_limit_exceeded"));
            Assert.That(ex.RequestId, Is.EqualTo("req_rl"));
            Assert.That(_stub.Time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }));
        });
    }

    [Test]
    public void ListAssistants_404_ThrowsAssistantsApiUnavailable()
    {
        _stub.Given("GET", "/v1/assistants", ErrorJson("Invalid URL (GET /v1/assistants)", "invalid_request_error", null, null), 404, ("x-request-id", "req_gone"));

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () => await _stub.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 2 }));

        AssertRetired(ex!, HttpStatusCode.NotFound, "/v1/assistants");
        Assert.That(ex!.RequestId, Is.EqualTo("req_gone"));
    }

    [Test]
    public void CreateThread_404_ThrowsAssistantsApiUnavailable()
    {
        _stub.Given("POST", "/v1/threads", ErrorJson("Invalid URL (POST /v1/threads)", "invalid_request_error", null, null), 404);

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () => await _stub.Threads.CreateThreadAsync(new ThreadCreationOptions()));

        AssertRetired(ex!, HttpStatusCode.NotFound, "/v1/threads");
    }

    [Test]
    public void GetMessage_410_ThrowsAssistantsApiUnavailable()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/messages/msg_abc123", ErrorJson("The Assistants API has been retired.", "invalid_request_error", "gone", null), 410);

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () => await _stub.Messages.GetMessageAsync("thread_abc123", "msg_abc123"));

        AssertRetired(ex!, HttpStatusCode.Gone, "/v1/threads/thread_abc123/messages/msg_abc123");
        Assert.That(ex!.ErrorCode, Is.EqualTo("gone"));
    }

    [Test]
    public void CreateRun_410_ThrowsAssistantsApiUnavailable()
    {
        _stub.Given("POST", "/v1/threads/thread_abc123/runs", "{}", 410);

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () => await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("asst_abc123")));

        AssertRetired(ex!, HttpStatusCode.Gone, "/v1/threads/thread_abc123/runs");
    }

    [Test]
    public void GetAssistant_404OnRouteWithId_IsNotFoundNotRetired()
    {
        _stub.Given("GET", AssistantPath, ErrorJson("No assistant found with id 'asst_abc123'.", "invalid_request_error", null, null), 404);

        var ex = Assert.ThrowsAsync<OpenAINotFoundException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.That(ex, Is.Not.InstanceOf<AssistantsApiUnavailableException>());
        Assert.That(ex!.Message, Does.Not.Contain("retired"));
    }

    [Test]
    [Property("ReliabilityRow", "6")]
    public void GetAssistant_502HtmlProxyPage_ThrowsInternalServerErrorWithoutJsonError()
    {
        const string html = "<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>";
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html").WithHeader("x-request-id", "req_proxy").WithBody(html));

        var ex = Assert.ThrowsAsync<OpenAIInternalServerException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
            Assert.That(ex.ErrorType, Is.Null);
            Assert.That(ex.ErrorCode, Is.Null);
            Assert.That(ex.Param, Is.Null);
            Assert.That(ex.ErrorMessage, Is.Null);
            Assert.That(ex.RequestId, Is.EqualTo("req_proxy"));
            Assert.That(ex.ResponseBody, Is.EqualTo(html));
            Assert.That(ex.Message, Does.Contain("502 Bad Gateway"));
            Assert.That(ex.InnerException, Is.Null, "no parse error may leak out");
            Assert.That(ex.ToString(), Does.Not.Contain(nameof(JsonException)));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(3), "a 502 is retried");
        });
    }

    [Test]
    [Property("ReliabilityRow", "21")]
    public void GetAssistant_HugeErrorBody_ResponseBodyAndMessageAreBounded()
    {
        string body = new('x', 200_000);
        _stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "text/plain").WithBody(body));

        var ex = Assert.ThrowsAsync<OpenAIBadRequestException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ResponseBody, Is.EqualTo(body[..(64 * 1024)]), "kept up to MaxErrorContentLength (64 Ki by default)");
            Assert.That(ex.Message.Length, Is.LessThan(400));
        });
    }

    private void AssertRetired(AssistantsApiUnavailableException ex, HttpStatusCode status, string path)
    {
        string baseAddress = _stub.Server.Url + "/v1/";
        Assert.Multiple(() =>
        {
            Assert.That(ex.StatusCode, Is.EqualTo(status));
            Assert.That(ex.BaseAddress, Is.EqualTo(new Uri(baseAddress)));
            Assert.That(ex.Message, Does.Contain(baseAddress), "the message names the base URL");
            Assert.That(ex.Message, Does.Contain("retired"), "the message says the hosted API was retired");
            Assert.That(ex.RequestPath, Is.EqualTo(path));
            Assert.That(_stub.LogEntries, Has.Count.EqualTo(1), "404/410 are not retried");
        });
    }
}

/// <summary>With a small <see cref="OpenAIAssistantsClientOptions.MaxErrorContentLength"/>, an error body is read only up to it.</summary>
public sealed class ErrorTruncationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const int MaxLength = 300;

    [Test]
    [Property("ReliabilityRow", "21")]
    public void GetAssistant_ErrorBodyLongerThanMaxErrorContentLength_IsTruncated()
    {
        string body = string.Concat(Enumerable.Range(0, 200).Select(i => i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture)));
        _stub.Server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_abc123"))
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "text/plain").WithHeader("x-request-id", "req_big").WithBody(body));

        var ex = Assert.ThrowsAsync<OpenAIBadRequestException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(body, Has.Length.EqualTo(800));
            Assert.That(ex!.ResponseBody, Is.EqualTo(body[..MaxLength]));
            Assert.That(ex.RequestId, Is.EqualTo("req_big"));
        });
    }

    [Test]
    public void GetAssistant_JsonErrorCutByTheCap_StillTypedWithNullFields()
    {
        string body = ErrorJson(new string('m', 1000), "invalid_request_error", "too_long", null);
        _stub.Given("GET", "/v1/assistants/asst_abc123", body, 422);

        var ex = Assert.ThrowsAsync<OpenAIUnprocessableEntityException>(async () => await _stub.Assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.ResponseBody, Is.EqualTo(body[..MaxLength]));
            Assert.That(ex.ErrorMessage, Is.Null, "the cut JSON cannot be parsed");
            Assert.That(ex.InnerException, Is.Null);
        });
    }

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.MaxErrorContentLength = MaxLength;
}
