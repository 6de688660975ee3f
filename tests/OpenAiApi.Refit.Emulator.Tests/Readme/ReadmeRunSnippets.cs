using System.ComponentModel;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Emulator.Tests.Readme;

/// <summary>The README's run snippets (streaming, waiting, listing, function tools), compiled here and run against the emulator
/// by the emulator tests (ReadmeRunSnippetTests).</summary>
public static class ReadmeRunSnippets
{
    // README: "Streaming a run".
    public static async Task<ThreadRun?> StreamAsync(IRunsApi runs, string threadId, string assistantId, TextWriter output, CancellationToken cancellationToken)
    {
        var accumulator = new RunStreamAccumulator();
        await foreach (RunStreamEvent streamEvent in runs.CreateRunStreamingAsync(threadId, new RunCreationOptions(assistantId), cancellationToken: cancellationToken))
        {
            accumulator.Add(streamEvent);
            if (streamEvent is MessageDeltaStreamEvent delta)
            {
                await output.WriteAsync(delta.Text);
            }
        }

        return accumulator.Run; // the final run: status, usage
    }

    // README: "Waiting for a run".
    public static async Task<ThreadRun> WaitAsync(IRunsApi runs, string threadId, string assistantId, CancellationToken cancellationToken)
    {
        ThreadRun run = await runs.CreateRunAndWaitAsync(
            threadId,
            new RunCreationOptions(assistantId),
            new RunWaitOptions { PollInterval = TimeSpan.FromMilliseconds(500), Timeout = TimeSpan.FromMinutes(2), CancelRunOnTimeout = true },
            cancellationToken);
        if (run.Status == RunStatus.RequiresAction)
        {
            // answer run.RequiredAction.SubmitToolOutputs.ToolCalls with SubmitToolOutputsAndWaitAsync, or use RunToCompletionAsync
        }

        return run;
    }

    // README: "Listing everything".
    public static async Task<List<string>> ListAsync(IMessagesApi messages, string threadId, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        await foreach (ThreadMessage message in messages.GetAllMessagesAsync(
            threadId, new MessageCollectionOptions { Order = ListOrder.Ascending, Limit = 100 }, cancellationToken))
        {
            texts.Add($"{message.Role}: {message.Text}");
        }

        return texts;
    }

    // README: "Function tools".
    [Description("Gets the current weather of a city.")]
    public static string GetWeather([Description("The city, e.g. Paris")] string city) => $"Sunny and 21 °C in {city}";

    public static async Task<RunCompletionResult> FunctionToolsAsync(
        IAssistantsApi assistants, IThreadsApi threads, IMessagesApi messages, IRunsApi runs, CancellationToken cancellationToken)
    {
        FunctionToolSet tools = new FunctionToolSet().Add(GetWeather, "get_weather");

        Assistant assistant = await assistants.CreateAssistantAsync(
            new AssistantCreationOptions("gpt-4o") { Instructions = "Use the tools.", Tools = [.. tools.ToToolDefinitions()] }, cancellationToken);
        AssistantThread thread = await threads.CreateThreadAsync(cancellationToken: cancellationToken);
        await messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("Call get_weather with city=Paris"), cancellationToken);

        RunCompletionResult result = await runs.RunToCompletionAsync(
            messages, thread.Id, new RunCreationOptions(assistant.Id), tools,
            new RunCompletionOptions { MaxRounds = 5, ToolCallTimeout = TimeSpan.FromSeconds(10) }, cancellationToken);
        return result; // result.Run.Status == completed; result.Messages: what the run wrote
    }
}
