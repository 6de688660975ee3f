using System.Net.ServerSentEvents;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>Realistic timing: the pause between streamed events runs on the emulator's clock (recorded here, not slept).</summary>
public sealed class StreamTimingTests : EmulatorTestBase
{
    private readonly TestClock _emulatorTime = new();

    protected override void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
        options.TimeProvider = _emulatorTime;
        options.Timing = EmulatorRunTiming.Realistic;
    }

    [Test]
    public async Task CreateRun_StreamWithRealisticTiming_PausesBetweenEveryTwoEvents()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("slowly now");
        _emulatorTime.Clear();

        using HttpResponseMessage response = await Runs.CreateRunStreamResponseAsync(
            thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = new Dictionary<string, JsonElement> { ["stream"] = JsonSerializer.SerializeToElement(true) } });
        List<SseItem<string>> events = await ReadEventsAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(events[^1].EventType, Is.EqualTo("done"));
            Assert.That(_emulatorTime.Delays, Has.Count.EqualTo(events.Count - 1));
            Assert.That(_emulatorTime.Delays, Is.All.EqualTo(TimeSpan.FromMilliseconds(40)));
        });
    }

    [Test]
    public async Task CreateRun_PolledWithRealisticTiming_SendsThePollHint()
    {
        Assistant assistant = await CreateAssistantAsync();
        AssistantThread thread = await CreateThreadAsync("poll me");

        ThreadRun run = await Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));
        ThreadRun again = await Runs.GetRunAsync(thread.Id, run.Id);

        Assert.Multiple(() =>
        {
            Assert.That(run.SuggestedPollInterval, Is.EqualTo(TimeSpan.FromMilliseconds(250)));
            Assert.That(again.Status, Is.EqualTo(RunStatus.Queued), "the emulator's clock has not moved");
        });
    }
}
