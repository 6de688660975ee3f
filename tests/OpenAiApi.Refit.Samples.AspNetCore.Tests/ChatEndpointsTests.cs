using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;
using static OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure.SampleHarness;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests;

/// <summary>The chat's endpoints end to end: the sample hosted in memory, talking to an in-process emulator.</summary>
public sealed class ChatEndpointsTests
{
    private SampleHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartSample() => _harness = await SampleHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopSample() => await _harness.DisposeAsync();

    [Test]
    public async Task GetRoot_Always_ServesTheChatPage()
    {
        using HttpResponseMessage response = await _harness.Http.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
            Assert.That(html, Does.Contain("new EventSource(`/api/threads/${encodeURIComponent(threadId)}/stream`)"));
            Assert.That(html, Does.Contain("fetch('/api/threads', { method: 'POST' })"));
            Assert.That(html, Does.Contain("addEventListener('delta'"));
            Assert.That(html, Does.Contain("addEventListener('done'"));
        });
    }

    [Test]
    public async Task CreateThread_Post_ReturnsTheIdOfAnEmptyEmulatorThread()
    {
        using HttpResponseMessage response = await _harness.Http.PostAsync("/api/threads", content: null);
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        string threadId = body.GetProperty("threadId").GetString()!;

        AssistantThread thread = await _harness.EmulatorThreads.GetThreadAsync(threadId);
        CursorPage<ThreadMessage> messages = await _harness.EmulatorMessages.ListMessagesAsync(threadId);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
            Assert.That(threadId, Does.StartWith("thread_"));
            Assert.That(thread.Id, Is.EqualTo(threadId));
            Assert.That(messages.Data, Is.Empty);
        });
    }

    [Test]
    public async Task PostMessage_Text_AddsAUserMessageToTheThread()
    {
        string threadId = await CreateThreadAsync(_harness.Http);

        using HttpResponseMessage response = await _harness.Http.PostAsJsonAsync($"/api/threads/{threadId}/messages", new { text = "Where is my parcel?" });
        JsonElement body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        ThreadMessage message = (await _harness.EmulatorMessages.ListMessagesAsync(threadId)).Data.Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(body.GetProperty("messageId").GetString(), Is.EqualTo(message.Id));
            Assert.That(message.Role, Is.EqualTo(MessageRole.User));
            Assert.That(message.Text, Is.EqualTo("Where is my parcel?"));
            Assert.That(message.ThreadId, Is.EqualTo(threadId));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public async Task PostMessage_NoText_Returns400ValidationProblemAndSendsNothing(string? text)
    {
        string threadId = await CreateThreadAsync(_harness.Http);

        using HttpResponseMessage response = await _harness.Http.PostAsJsonAsync($"/api/threads/{threadId}/messages", new { text });
        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.BadRequest);

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(problem.GetProperty("errors").GetProperty("text")[0].GetString(), Is.EqualTo("The message text is required."));
            Assert.That((await _harness.EmulatorMessages.ListMessagesAsync(threadId)).Data, Is.Empty);
        });
    }

    [Test]
    public async Task PostMessage_MalformedJson_Returns400Problem()
    {
        string threadId = await CreateThreadAsync(_harness.Http);
        using var content = new StringContent("{\"text\":", System.Text.Encoding.UTF8, "application/json");

        using HttpResponseMessage response = await _harness.Http.PostAsync($"/api/threads/{threadId}/messages", content);

        await ProblemAssert.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.That((await _harness.EmulatorMessages.ListMessagesAsync(threadId)).Data, Is.Empty);
    }

    [Test]
    public async Task StreamReply_AfterAMessage_RelaysTheDeltasOfTheEchoAndEndsWithDone()
    {
        string threadId = await CreateThreadAsync(_harness.Http);
        await PostMessageAsync(_harness.Http, threadId, "hello from the browser");

        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(_harness.Http, threadId);
        using (response)
        {
            string[] names = [.. events.Select(e => e.EventType)];
            List<SseItem<string>> deltas = [.. events.Where(e => e.EventType == "delta")];
            string runId = Field(events[0], "runId")!;
            ThreadRun run = await _harness.EmulatorRuns.GetRunAsync(threadId, runId);
            ThreadMessage reply = (await _harness.EmulatorMessages.ListMessagesAsync(threadId, new MessageCollectionOptions { Order = ListOrder.Descending })).Data[0];

            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
                Assert.That(response.Headers.CacheControl?.NoCache, Is.True);
                Assert.That(names[0], Is.EqualTo("run"));
                Assert.That(names[1..^1], Is.All.EqualTo("delta"));
                Assert.That(names[^1], Is.EqualTo("done"));
                Assert.That(deltas, Has.Count.GreaterThan(1), "relayed as it is written, not as one block");
                Assert.That(string.Concat(deltas.Select(d => Field(d, "text"))), Is.EqualTo("Echo: hello from the browser"));
                Assert.That(Field(events[^1], "runId"), Is.EqualTo(runId));
                Assert.That(Field(events[^1], "status"), Is.EqualTo("completed"));
                Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
                Assert.That(run.ThreadId, Is.EqualTo(threadId));
                Assert.That(reply.Role, Is.EqualTo(MessageRole.Assistant));
                Assert.That(reply.RunId, Is.EqualTo(runId));
                Assert.That(reply.Text, Is.EqualTo("Echo: hello from the browser"));
            });
        }
    }

    [Test]
    public async Task StreamReply_SecondTurn_AnswersTheLatestMessageOnTheSameThread()
    {
        string threadId = await CreateThreadAsync(_harness.Http);
        await PostMessageAsync(_harness.Http, threadId, "first question");
        (HttpResponseMessage first, _) = await StreamAsync(_harness.Http, threadId);
        first.Dispose();
        await PostMessageAsync(_harness.Http, threadId, "second question");

        (HttpResponseMessage second, List<SseItem<string>> events) = await StreamAsync(_harness.Http, threadId);
        using (second)
        {
            CursorPage<ThreadMessage> messages = await _harness.EmulatorMessages.ListMessagesAsync(threadId, new MessageCollectionOptions { Order = ListOrder.Ascending });
            Assert.Multiple(() =>
            {
                Assert.That(string.Concat(events.Where(e => e.EventType == "delta").Select(d => Field(d, "text"))), Is.EqualTo("Echo: second question"));
                Assert.That(Field(events[^1], "status"), Is.EqualTo("completed"));
                Assert.That(messages.Data.Select(m => $"{m.Role}: {m.Text}"), Is.EqualTo(new[]
                {
                    "user: first question", "assistant: Echo: first question", "user: second question", "assistant: Echo: second question",
                }));
            });
        }
    }

    [Test]
    public async Task StreamReply_UnknownThread_Returns404ProblemInsteadOfAStream()
    {
        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(_harness.Http, "thread_doesnotexist");
        using (response)
        {
            JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.NotFound);

            Assert.Multiple(() =>
            {
                Assert.That(events, Is.Empty);
                Assert.That(ProblemAssert.String(problem, "detail"), Is.EqualTo("No thread found with id 'thread_doesnotexist'."));
                Assert.That(ProblemAssert.String(problem, "errorType"), Is.EqualTo("invalid_request_error"));
                Assert.That(ProblemAssert.String(problem, "upstreamRequestId"), Does.StartWith("req_"));
            });
        }
    }

    [Test]
    public async Task PostMessage_UnknownThread_Returns404Problem()
    {
        using HttpResponseMessage response = await _harness.Http.PostAsJsonAsync("/api/threads/thread_doesnotexist/messages", new { text = "hi" });

        JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.NotFound);
        Assert.That(ProblemAssert.String(problem, "detail"), Is.EqualTo("No thread found with id 'thread_doesnotexist'."));
    }

    [Test]
    public async Task StreamReply_IdTheLibraryRefuses_Returns400ProblemNamingTheId()
    {
        (HttpResponseMessage response, _) = await StreamAsync(_harness.Http, "thread.1");
        using (response)
        {
            JsonElement problem = await ProblemAssert.ReadAsync(response, HttpStatusCode.BadRequest);

            Assert.Multiple(() =>
            {
                Assert.That(ProblemAssert.String(problem, "title"), Is.EqualTo("Invalid argument"));
                Assert.That(ProblemAssert.String(problem, "detail"), Does.Contain("threadId").And.Contain("A-Z, a-z, 0-9, '_' or '-'"));
            });
        }
    }
}
