using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>Fault injection for resilience tests. Both the client's retry waits and the emulator's slow/stall delays run on
/// recording clocks, so nothing sleeps.</summary>
public sealed class FaultInjectionTests : EmulatorTestBase
{
    private static readonly Dictionary<string, JsonElement> StreamTrue = new() { ["stream"] = JsonSerializer.SerializeToElement(true) };

    private readonly TestClock _emulatorTime = new();

    protected override void ConfigureEmulator(AssistantsEmulatorOptions options) => options.TimeProvider = _emulatorTime;

    [SetUp]
    public void ClearEmulatorClock() => _emulatorTime.Clear();

    [Test]
    public async Task InjectFault_429Twice_ClientRetriesAfterRetryAfterAndSucceeds()
    {
        Assistant assistant = await CreateAssistantAsync();
        Emulator.InjectFault("429;count=2;retry-after=1");

        Assistant fetched = await Assistants.GetAssistantAsync(assistant.Id);

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Id, Is.EqualTo(assistant.Id));
            Assert.That(ClientTime.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1) }));
        });
    }

    [Test]
    public async Task Header_429_AnswersLikeARateLimitAndTheSameValueDoesNotRearm()
    {
        (string, string) header = (AssistantsEmulator.FaultHeaderName, "429;retry-after=2;retry-after-ms=1500");

        RawResponse limited = await SendAsync(HttpMethod.Get, "assistants", headers: header);
        RawResponse repeated = await SendAsync(HttpMethod.Get, "assistants", headers: header);
        RawResponse rearmed = await SendAsync(HttpMethod.Get, "assistants", headers: (AssistantsEmulator.FaultHeaderName, "429;retry-after=2;retry-after-ms=1500;id=2"));

        Assert.Multiple(() =>
        {
            Assert.That(limited.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(limited.Header("Retry-After"), Is.EqualTo("2"));
            Assert.That(limited.Header("retry-after-ms"), Is.EqualTo("1500"));
            Assert.That(limited.Header("x-request-id"), Does.StartWith("req_"));
            Assert.That(limited.Error.GetProperty("code").GetString(), Is.EqualTo("rate_limit_exceeded"));
            Assert.That(limited.Error.GetProperty("type").GetString(), Is.EqualTo("requests"));
            Assert.That(repeated.Status, Is.EqualTo(HttpStatusCode.OK), "a repeated header value does not re-arm the fault");
            Assert.That(rearmed.Status, Is.EqualTo(HttpStatusCode.TooManyRequests), "a new value arms again");
        });
    }

    [Test]
    public async Task Header_SeveralFaults_HitTheNextRequestsInOrder()
    {
        RawResponse first = await SendAsync(HttpMethod.Get, "assistants", headers: (AssistantsEmulator.FaultHeaderName, "429, 500;count=2"));
        RawResponse second = await SendAsync(HttpMethod.Get, "assistants");
        RawResponse third = await SendAsync(HttpMethod.Get, "assistants");
        RawResponse fourth = await SendAsync(HttpMethod.Get, "assistants");

        Assert.Multiple(() =>
        {
            Assert.That(first.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
            Assert.That(second.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(second.Error.GetProperty("type").GetString(), Is.EqualTo("server_error"));
            Assert.That(third.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(fourth.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task InjectFault_500MoreThanTheRetries_ClientGivesUpThenRecovers()
    {
        Emulator.InjectFault("500;count=3");

        OpenAIInternalServerException error = await ThrowsAsync<OpenAIInternalServerException>(() => Assistants.ListAssistantsAsync());
        CursorPage<Assistant> after = await Assistants.ListAssistantsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(error.ErrorType, Is.EqualTo("server_error"));
            Assert.That(ClientTime.Delays, Has.Count.EqualTo(2), "two retries, three attempts");
            Assert.That(after.Object, Is.EqualTo("list"));
        });
    }

    [Test]
    public async Task InjectFault_503ShouldRetryFalse_ClientDoesNotRetry()
    {
        Emulator.InjectFault("503;should-retry=false");

        OpenAIInternalServerException error = await ThrowsAsync<OpenAIInternalServerException>(() => Assistants.ListAssistantsAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(ClientTime.Delays, Is.Empty);
        });
    }

    [Test]
    public async Task InjectFault_InsufficientQuota_IsNotRetried()
    {
        Emulator.InjectFault("429;code=insufficient_quota");

        OpenAIRateLimitException error = await ThrowsAsync<OpenAIRateLimitException>(() => Assistants.ListAssistantsAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.ErrorCode, Is.EqualTo("insufficient_quota"));
            Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(1)));
            Assert.That(ClientTime.Delays, Is.Empty);
        });
    }

    [Test]
    public async Task InjectFault_Slow_DelaysOnTheEmulatorsClockThenAnswers()
    {
        Emulator.InjectFault("slow;delay-ms=1500");

        CursorPage<Assistant> page = await Assistants.ListAssistantsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(_emulatorTime.Delays, Is.EqualTo(new[] { TimeSpan.FromMilliseconds(1500) }));
        });
    }

    [TestCase("418;count=0")]
    [TestCase("teapot")]
    [TestCase("cut-stream;mode=sideways")]
    [TestCase("slow;delay=5")]
    public async Task Header_Invalid_IsBadRequest(string value)
    {
        RawResponse response = await SendAsync(HttpMethod.Get, "assistants", headers: (AssistantsEmulator.FaultHeaderName, value));

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo("invalid_fault"));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(AssistantsEmulator.FaultHeaderName));
        });
    }

    [Test]
    public void InjectFault_Invalid_ThrowsArgumentException()
    {
        ArgumentException? error = Assert.Throws<ArgumentException>(() => Emulator.InjectFault("600"));

        Assert.That(error!.ParamName, Is.EqualTo("fault"));
    }

    [Test]
    public async Task OptionsFaults_ArePresetAtStart()
    {
        await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { Faults = { "503" } });
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", emulator.ApiKey);

        using HttpResponseMessage first = await client.GetAsync("assistants");
        using HttpResponseMessage second = await client.GetAsync("assistants");

        Assert.Multiple(() =>
        {
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task CutStream_Default_SendsKEventsThenEndsWithoutDoneAndTheRunCarriesOn()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("cut me");
        Emulator.InjectFault("cut-stream;after=3");
        CursorPage<Assistant> unaffected = await Assistants.ListAssistantsAsync();

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> events = await ReadEventsAsync(response);
        ThreadRun run = Data<ThreadRun>(events[0]);
        ThreadRun later = await Runs.GetRunAsync(thread.Id, run.Id);

        Assert.Multiple(() =>
        {
            Assert.That(unaffected.Data, Has.Count.EqualTo(1), "stream faults leave plain requests alone");
            Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "thread.run.created", "thread.run.queued", "thread.run.in_progress" }));
            Assert.That(later.Status, Is.EqualTo(RunStatus.Completed), "a run whose stream is gone is finished by polling");
        });
    }

    [Test]
    public async Task CutStream_ResetMode_BreaksTheConnectionBeforeDone()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("cut me");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{thread.Id}/runs")
        {
            Content = new StringContent($$"""{"assistant_id":"{{assistant.Id}}","stream":true}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        request.Headers.Add(AssistantsEmulator.FaultHeaderName, "cut-stream;after=2;mode=reset");

        // Raw HttpClient: no retries. A reset is abrupt: the client fails while reading the body (or, if the reset overtakes the
        // headers, while sending); it never sees more than the two events or the end of the stream.
        var received = new List<string>();
        Exception? failure = null;
        try
        {
            using HttpResponseMessage response = await Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using Stream stream = await response.Content.ReadAsStreamAsync();
            await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
            {
                received.Add(item.EventType);
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            failure = ex;
        }

        Assert.Multiple(() =>
        {
            Assert.That(failure, Is.Not.Null, "the connection was reset");
            Assert.That(received, Has.Count.LessThanOrEqualTo(2));
            Assert.That(received, Does.Not.Contain("done"));
        });
    }

    [Test]
    public async Task StreamError_AfterTwo_SendsAnErrorEventAndEnds()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("fail me");
        Emulator.InjectFault("stream-error;after=2");

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> events = await ReadEventsAsync(response);
        JsonElement error = JsonDocument.Parse(events[^1].Data).RootElement;

        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "thread.run.created", "thread.run.queued", "error" }));
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("server_error"));
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Empty);
        });
    }

    [Test]
    public async Task StallStream_PausesOnTheEmulatorsClockThenFinishes()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("wait for it");
        Emulator.InjectFault("stall-stream;after=4;delay-ms=5000");

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> events = await ReadEventsAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(events[^1].EventType, Is.EqualTo("done"));
            Assert.That(events[^2].EventType, Is.EqualTo("thread.run.completed"));
            Assert.That(_emulatorTime.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(5) }));
        });
    }
}
