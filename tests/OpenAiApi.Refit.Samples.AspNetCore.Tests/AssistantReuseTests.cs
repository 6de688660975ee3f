using System.Net;
using System.Net.ServerSentEvents;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;
using static OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure.SampleHarness;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests;

/// <summary>The one assistant of the chat: created on first use, reused by every conversation and after a restart, configurable,
/// and created again when the server forgot it. Each test starts from an empty emulator and a new instance of the sample.</summary>
public sealed class AssistantReuseTests
{
    private SampleHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartSample() => _harness = await SampleHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopSample() => await _harness.DisposeAsync();

    [SetUp]
    public void ResetEmulator() => _harness.Emulator.Reset();

    [Test]
    public async Task Startup_BeforeAnyConversation_CreatesNoAssistant()
    {
        using HttpClient http = _harness.CreateApp().CreateClient();

        using HttpResponseMessage page = await http.GetAsync("/");

        await Assert.MultipleAsync(async () =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That((await _harness.EmulatorAssistants.ListAssistantsAsync()).Data, Is.Empty);
        });
    }

    [Test]
    public async Task CreateThread_ConcurrentConversations_CreateOneConfiguredAssistantThatEveryRunUses()
    {
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string>
        {
            ["Chat:Model"] = "gpt-4o-mini",
            ["Chat:Instructions"] = "Answer in one line.",
        }).CreateClient();

        string[] threadIds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CreateThreadAsync(http)));
        foreach (string threadId in threadIds[..2])
        {
            await PostMessageAsync(http, threadId, "hi");
            (HttpResponseMessage response, _) = await StreamAsync(http, threadId);
            response.Dispose();
        }

        Assistant assistant = (await _harness.SampleAssistantsAsync()).Single();
        CursorPage<Assistant> all = await _harness.EmulatorAssistants.ListAssistantsAsync();
        ThreadRun[] runs = [.. await Task.WhenAll(threadIds[..2].Select(async t => (await _harness.EmulatorRuns.ListRunsAsync(t)).Data.Single()))];
        Assert.Multiple(() =>
        {
            Assert.That(all.Data, Has.Count.EqualTo(1));
            Assert.That(threadIds.Distinct().Count(), Is.EqualTo(4), "a thread per conversation");
            Assert.That(assistant.Name, Is.EqualTo(ChatService.AssistantName));
            Assert.That(assistant.Model, Is.EqualTo("gpt-4o-mini"));
            Assert.That(assistant.Instructions, Is.EqualTo("Answer in one line."));
            Assert.That(runs.Select(r => r.AssistantId), Is.All.EqualTo(assistant.Id));
        });
    }

    [Test]
    public async Task CreateThread_AfterARestart_ReusesTheAssistantTheSampleCreated()
    {
        using (HttpClient before = _harness.CreateApp().CreateClient())
        {
            await CreateThreadAsync(before);
        }

        string created = (await _harness.SampleAssistantsAsync()).Single().Id;
        using HttpClient after = _harness.CreateApp().CreateClient();
        string threadId = await CreateThreadAsync(after);
        await PostMessageAsync(after, threadId, "still there?");
        (HttpResponseMessage response, _) = await StreamAsync(after, threadId);
        response.Dispose();

        ThreadRun run = (await _harness.EmulatorRuns.ListRunsAsync(threadId)).Data.Single();
        await Assert.MultipleAsync(async () =>
        {
            Assert.That((await _harness.EmulatorAssistants.ListAssistantsAsync()).Data.Select(a => a.Id), Is.EqualTo(new[] { created }));
            Assert.That(run.AssistantId, Is.EqualTo(created));
        });
    }

    [Test]
    public async Task StreamReply_ConfiguredAssistantId_RunsOnItAndCreatesNone()
    {
        Assistant mine = await _harness.EmulatorAssistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Name = "Mine" });
        using HttpClient http = _harness.CreateApp(new Dictionary<string, string> { ["Chat:AssistantId"] = mine.Id }).CreateClient();

        string threadId = await CreateThreadAsync(http);
        await PostMessageAsync(http, threadId, "configured");
        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(http, threadId);
        response.Dispose();

        ThreadRun run = await _harness.EmulatorRuns.GetRunAsync(threadId, Field(events[^1], "runId")!);
        await Assert.MultipleAsync(async () =>
        {
            Assert.That(run.AssistantId, Is.EqualTo(mine.Id));
            Assert.That((await _harness.EmulatorAssistants.ListAssistantsAsync()).Data.Select(a => a.Id), Is.EqualTo(new[] { mine.Id }));
        });
    }

    [Test]
    public async Task StreamReply_AssistantDeletedOnTheServer_CreatesItAgainAndReplies()
    {
        using HttpClient http = _harness.CreateApp().CreateClient();
        string threadId = await CreateThreadAsync(http);
        string deleted = (await _harness.SampleAssistantsAsync()).Single().Id;
        await _harness.EmulatorAssistants.DeleteAssistantAsync(deleted);
        await PostMessageAsync(http, threadId, "are you new?");

        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(http, threadId);
        using (response)
        {
            Assistant recreated = (await _harness.SampleAssistantsAsync()).Single();
            ThreadRun run = await _harness.EmulatorRuns.GetRunAsync(threadId, Field(events[^1], "runId")!);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(string.Concat(events.Where(e => e.EventType == "delta").Select(d => Field(d, "text"))), Is.EqualTo("Echo: are you new?"));
                Assert.That(Field(events[^1], "status"), Is.EqualTo("completed"));
                Assert.That(recreated.Id, Is.Not.EqualTo(deleted));
                Assert.That(run.AssistantId, Is.EqualTo(recreated.Id));
            });
        }
    }
}
