using System.Net;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Runs;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary><c>WithResponseAsync</c>: the request id, the processing time and the rate limits of the response that answered the call;
/// the same rate limits on <see cref="OpenAIRateLimitException"/>.</summary>
public sealed class ResponseMetadataTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private static readonly (string Name, string Value)[] RateLimitHeaders =
    [
        ("x-request-id", "req_meta_1"),
        ("openai-processing-ms", "734"),
        ("x-ratelimit-limit-requests", "60"),
        ("x-ratelimit-remaining-requests", "59"),
        ("x-ratelimit-reset-requests", "1s"),
        ("x-ratelimit-limit-tokens", "150000"),
        ("x-ratelimit-remaining-tokens", "149984"),
        ("x-ratelimit-reset-tokens", "6m0s"),
    ];

    [Test]
    public async Task WithResponse_GetRun_ReturnsTheRunAndEveryMetadataValue()
    {
        _stub.Given("GET", RunsJson.RunPath, RunsJson.Run("in_progress"), 200, RateLimitHeaders);

        OpenAIResponse<ThreadRun> response = await _stub.Runs.WithResponseAsync(r => r.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        OpenAIResponseMetadata metadata = response.Metadata;
        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Id, Is.EqualTo(RunsJson.RunId));
            Assert.That(response.Value.Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(metadata.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(metadata.RequestId, Is.EqualTo("req_meta_1"));
            Assert.That(metadata.ProcessingTime, Is.EqualTo(TimeSpan.FromMilliseconds(734)));
            Assert.That(metadata.RateLimits.LimitRequests, Is.EqualTo(60));
            Assert.That(metadata.RateLimits.RemainingRequests, Is.EqualTo(59));
            Assert.That(metadata.RateLimits.ResetRequests, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(metadata.RateLimits.LimitTokens, Is.EqualTo(150000));
            Assert.That(metadata.RateLimits.RemainingTokens, Is.EqualTo(149984));
            Assert.That(metadata.RateLimits.ResetTokens, Is.EqualTo(TimeSpan.FromMinutes(6)));
            Assert.That(metadata.RateLimits.IsEmpty, Is.False);
        });
    }

    [Test]
    public async Task WithResponse_NoMetadataHeaders_GivesNullValuesAndEmptyRateLimits()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc", RunsJson.Assistant("asst_abc", "Helper"));

        OpenAIResponse<Assistant> response = await _stub.Assistants.WithResponseAsync(a => a.GetAssistantAsync("asst_abc"));

        Assert.Multiple(() =>
        {
            Assert.That(response.Value.Name, Is.EqualTo("Helper"));
            Assert.That(response.Metadata.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Metadata.RequestId, Is.Null);
            Assert.That(response.Metadata.ProcessingTime, Is.Null);
            Assert.That(response.Metadata.RateLimits.IsEmpty, Is.True);
            Assert.That(response.Metadata.RateLimits, Is.SameAs(OpenAIRateLimits.None));
        });
    }

    [Test]
    public async Task WithResponse_RetriedCall_GivesTheMetadataOfTheFinalResponse()
    {
        _stub.GivenStatuses("GET", RunsJson.RunPath,
            (503, """{"error":{"message":"overloaded","type":"server_error","param":null,"code":null}}""", [("x-request-id", "req_first")]),
            (200, RunsJson.Run("queued"), [("x-request-id", "req_second"), ("x-ratelimit-remaining-requests", "41")]));

        OpenAIResponse<ThreadRun> response = await _stub.Runs.WithResponseAsync(r => r.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2), "the call was retried");
        Assert.That(response.Metadata.RequestId, Is.EqualTo("req_second"));
        Assert.That(response.Metadata.RateLimits.RemainingRequests, Is.EqualTo(41));
    }

    [Test]
    public async Task WithResponse_TwoCallsInParallel_EachGetsItsOwnMetadata()
    {
        _stub.Given("GET", "/v1/threads/thread_one", """{"id":"thread_one","object":"thread","created_at":1,"metadata":{}}""", 200, ("x-request-id", "req_one"));
        _stub.Given("GET", "/v1/threads/thread_two", """{"id":"thread_two","object":"thread","created_at":1,"metadata":{}}""", 200, ("x-request-id", "req_two"));

        Task<OpenAIResponse<AssistantThread>> one = _stub.Threads.WithResponseAsync(t => t.GetThreadAsync("thread_one"));
        Task<OpenAIResponse<AssistantThread>> two = _stub.Threads.WithResponseAsync(t => t.GetThreadAsync("thread_two"));
        OpenAIResponse<AssistantThread>[] responses = await Task.WhenAll(one, two);

        Assert.That(responses.Select(r => r.Value.Id + ":" + r.Metadata.RequestId), Is.EqualTo(new[] { "thread_one:req_one", "thread_two:req_two" }));
    }

    [Test]
    public async Task WithResponse_OnMessages_CapturesTheListResponse()
    {
        _stub.Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([RunsJson.Message("msg_1", "Hi")], "msg_1", "msg_1", false), 200,
            ("x-request-id", "req_list"));

        OpenAIResponse<CursorPage<ThreadMessage>> response = await _stub.Messages.WithResponseAsync(m => m.ListMessagesAsync(RunsJson.ThreadId));

        Assert.That(response.Value.Data.Single().Id, Is.EqualTo("msg_1"));
        Assert.That(response.Metadata.RequestId, Is.EqualTo("req_list"));
    }

    [Test]
    public async Task WithResponse_Mock_GivesNoneMetadata()
    {
        IAssistantsApi mock = new AssistantsStub();

        OpenAIResponse<Assistant> response = await mock.WithResponseAsync(a => a.GetAssistantAsync("asst_stub"));

        Assert.That(response.Value.Id, Is.EqualTo("asst_stub"));
        Assert.That(response.Metadata, Is.SameAs(OpenAIResponseMetadata.None));
        Assert.That(response.Metadata.StatusCode, Is.Null);
    }

    [Test]
    public void RateLimited_429_ExceptionCarriesTheRateLimits()
    {
        _stub.Given("GET", RunsJson.RunPath, """{"error":{"message":"Rate limit reached for requests","type":"requests","param":null,"code":"rate_limit_exceeded"}}""", 429,
            [.. RateLimitHeaders.Where(h => h.Name != "x-ratelimit-remaining-requests"), ("x-ratelimit-remaining-requests", "0"), ("retry-after", "120")]);

        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(() => _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.RequestId, Is.EqualTo("req_meta_1"));
            Assert.That(ex.RateLimits.RemainingRequests, Is.EqualTo(0));
            Assert.That(ex.RateLimits.LimitRequests, Is.EqualTo(60));
            Assert.That(ex.RateLimits.ResetRequests, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(ex.RateLimits.RemainingTokens, Is.EqualTo(149984));
            Assert.That(ex.RateLimits.ResetTokens, Is.EqualTo(TimeSpan.FromMinutes(6)));
        });
    }

    [TestCase("1s", 1000)]
    [TestCase("6m0s", 360000)]
    [TestCase("20ms", 20)]
    [TestCase("1h2m3.5s", 3723500)]
    [TestCase("500us", 0.5)]
    [TestCase("0.25", 250)]
    [TestCase("17", 17000)]
    public void ParseDuration_KnownForms_GiveTheDuration(string text, double milliseconds) =>
        Assert.That(WireHeaders.ParseDuration(text), Is.EqualTo(TimeSpan.FromMilliseconds(milliseconds)));

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("5 minutes")]
    [TestCase("-1s")]
    [TestCase("3x")]
    public void ParseDuration_UnknownForms_GiveNull(string text) => Assert.That(WireHeaders.ParseDuration(text), Is.Null);

    private sealed class AssistantsStub : IAssistantsApi
    {
        public Task<CursorPage<Assistant>> ListAssistantsAsync(AssistantCollectionOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Assistant> CreateAssistantAsync(AssistantCreationOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<Assistant> GetAssistantAsync(string assistantId, CancellationToken cancellationToken = default) =>
            Task.FromResult(new Assistant { Id = assistantId, Model = "gpt-4o" });

        public Task<Assistant> ModifyAssistantAsync(string assistantId, AssistantModificationOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<DeletionResult> DeleteAssistantAsync(string assistantId, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
