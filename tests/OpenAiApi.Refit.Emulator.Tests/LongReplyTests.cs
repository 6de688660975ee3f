using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// A user message of 1.5 million words: the reply (its echo) is built in linear time, and the per-word work of streaming it (cutting
/// and serializing one delta per word) happens outside the thread's lock, so the thread's other requests are answered meanwhile.
/// Before, the reply grew by string concatenation, word by word, under the lock: quadratic, minutes for a message this long.
/// The bounds below are generous deadlines against a hang, not timings.
/// </summary>
public sealed class LongReplyTests : EmulatorTestBase
{
    private static readonly string LongMessage = string.Concat(Enumerable.Repeat("a ", 1_500_000)) + "end";

    protected override void ConfigureEmulator(AssistantsEmulatorOptions options) => options.MaxRequestBodySize = 8L * 1024 * 1024;

    [Test]
    [Property("ReliabilityRow", "35")]
    public async Task PolledRun_MessageOf1500000Words_CompletesWithTheWholeEcho()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync(LongMessage);

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id), cancellationToken: cts.Token);
        ThreadRun finished = await Runs.GetRunAsync(thread.Id, run.Id, cts.Token);
        CursorPage<ThreadMessage> messages = await Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 1 }, cts.Token);

        Assert.Multiple(() =>
        {
            Assert.That(finished.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(messages.Data[0].Role, Is.EqualTo(MessageRole.Assistant));
            Assert.That(messages.Data[0].Text, Is.EqualTo("Echo: " + LongMessage));
        });
    }

    [Test]
    [Property("ReliabilityRow", "35")]
    public async Task StreamedRun_MessageOf1500000Words_OtherRequestsOnTheThreadAreAnsweredWhileItStreams()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync(LongMessage);

        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{thread.Id}/runs")
        {
            Content = new StringContent($$"""{"assistant_id":"{{assistant.Id}}","stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        using HttpResponseMessage response = await Raw.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        await using Stream stream = await response.Content.ReadAsStreamAsync(cts.Token);
        await using IAsyncEnumerator<SseItem<string>> events = SseParser.Create(stream).EnumerateAsync(cts.Token).GetAsyncEnumerator(cts.Token);

        // Signal: the first word of the reply has been streamed; 1.5 million more are to come.
        var before = new List<string>();
        while (await events.MoveNextAsync() && events.Current.EventType != "thread.message.delta")
        {
            before.Add(events.Current.EventType);
        }

        Assert.That(events.Current.EventType, Is.EqualTo("thread.message.delta"), "the reply starts streaming");
        Assert.That(events.Current.Data, Does.Contain("\"value\":\"Echo: \""), "one word per delta");

        // While the stream is far from done, the same thread answers: its lock is not held for the reply's words.
        RawResponse messages = await SendAsync(HttpMethod.Get, $"threads/{thread.Id}/messages?limit=2");
        RawResponse run = await SendAsync(HttpMethod.Get, $"threads/{thread.Id}/runs?limit=1");

        Assert.Multiple(() =>
        {
            Assert.That(before, Does.Contain("thread.message.in_progress"));
            Assert.That(messages.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(run.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(messages.Json.GetProperty("data").GetArrayLength(), Is.EqualTo(2));
        });
    }
}
