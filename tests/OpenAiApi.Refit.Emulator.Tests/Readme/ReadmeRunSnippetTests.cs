using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Tests.Readme;

/// <summary>The README's run snippets (<see cref="ReadmeRunSnippets"/>) run against the emulator.</summary>
public sealed class ReadmeRunSnippetTests : EmulatorTestBase
{
    private async Task<(string AssistantId, string ThreadId)> GivenAThreadAsync(string question)
    {
        Assistant assistant = await Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"));
        AssistantThread thread = await Threads.CreateThreadAsync(new ThreadCreationOptions { Messages = [MessageCreationOptions.User(question)] });
        return (assistant.Id, thread.Id);
    }

    [Test]
    public async Task StreamingSnippet_PrintsTheReplyAndReturnsTheCompletedRun()
    {
        (string assistantId, string threadId) = await GivenAThreadAsync("Hello there");
        using var output = new StringWriter();

        ThreadRun? run = await ReadmeRunSnippets.StreamAsync(Runs, threadId, assistantId, output, CancellationToken.None);

        Assert.That(output.ToString(), Is.EqualTo("Echo: Hello there"));
        Assert.That(run?.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task WaitingSnippet_ReturnsTheCompletedRun()
    {
        (string assistantId, string threadId) = await GivenAThreadAsync("Hello there");

        ThreadRun run = await ReadmeRunSnippets.WaitAsync(Runs, threadId, assistantId, CancellationToken.None);

        Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
    }

    [Test]
    public async Task ListingSnippet_ListsEveryMessageInOrder()
    {
        AssistantThread thread = await Threads.CreateThreadAsync();
        for (int i = 0; i < 3; i++)
        {
            await Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User($"m{i}"));
        }

        List<string> texts = await ReadmeRunSnippets.ListAsync(Messages, thread.Id, CancellationToken.None);

        Assert.That(texts, Is.EqualTo(new[] { "user: m0", "user: m1", "user: m2" }));
    }

    [Test]
    public async Task FunctionToolsSnippet_CallsTheFunctionAndCompletes()
    {
        RunCompletionResult result = await ReadmeRunSnippets.FunctionToolsAsync(Assistants, Threads, Messages, Runs, CancellationToken.None);

        Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(result.Rounds, Is.EqualTo(1));
        Assert.That(result.Messages.Single().Text, Does.Contain("Sunny and 21 °C in Paris"));
    }
}
