using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests.Readme;

/// <summary>The README's run snippets (<see cref="ReadmeRunSnippets"/>) run against the emulator.</summary>
public sealed class ReadmeRunSnippetTests
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync();

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    private async Task<(string AssistantId, string ThreadId)> GivenAThreadAsync(string question)
    {
        Assistant assistant = await _harness.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"));
        AssistantThread thread = await _harness.Threads.CreateThreadAsync(new ThreadCreationOptions { Messages = [MessageCreationOptions.User(question)] });
        return (assistant.Id, thread.Id);
    }

    [Test]
    public async Task StreamingSnippet_PrintsTheReplyAndReturnsTheCompletedRun()
    {
        (string assistantId, string threadId) = await GivenAThreadAsync("Hello there");
        using var output = new StringWriter();

        ThreadRun? run = await ReadmeRunSnippets.StreamAsync(_harness.Runs, threadId, assistantId, output, CancellationToken.None);

        Assert.That(output.ToString(), Is.EqualTo("Echo: Hello there"));
        Assert.That(run?.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task WaitingSnippet_ReturnsTheCompletedRun()
    {
        (string assistantId, string threadId) = await GivenAThreadAsync("Hello there");

        ThreadRun run = await ReadmeRunSnippets.WaitAsync(_harness.Runs, threadId, assistantId, CancellationToken.None);

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task ListingSnippet_ListsEveryMessageInOrder()
    {
        AssistantThread thread = await _harness.Threads.CreateThreadAsync();
        for (int i = 0; i < 3; i++)
        {
            await _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User($"m{i}"));
        }

        List<string> texts = await ReadmeRunSnippets.ListAsync(_harness.Messages, thread.Id, CancellationToken.None);

        Assert.That(texts, Is.EqualTo(new[] { "user: m0", "user: m1", "user: m2" }));
    }

    [Test]
    public async Task FunctionToolsSnippet_CallsTheFunctionAndCompletes()
    {
        RunCompletionResult result = await ReadmeRunSnippets.FunctionToolsAsync(_harness.Assistants, _harness.Threads, _harness.Messages, _harness.Runs, CancellationToken.None);

        Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(result.Rounds, Is.EqualTo(1));
        Assert.That(result.Messages.Single().Text, Does.Contain("Sunny and 21 °C in Paris"));
    }
}
