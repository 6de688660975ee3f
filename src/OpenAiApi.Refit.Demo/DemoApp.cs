using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Emulator;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Demo;

/// <summary>
/// The demo: creates an assistant with a function tool, a thread and a message, streams the run and prints the text as it
/// arrives, answers the tool call through the function-tool loop, prints the run steps and token usage, lists the thread's
/// messages and deletes what it created.
/// </summary>
public static class DemoApp
{
    /// <summary>Runs the demo; returns the process exit code (0 success, 1 error, 2 no Assistants API at the server).</summary>
    /// <param name="settings">Where to run.</param>
    /// <param name="output">Where the conversation is printed.</param>
    /// <param name="error">Where problems are printed.</param>
    /// <param name="cancellationToken">Stops the demo.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> MainAsync(DemoSettings settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        AssistantsEmulator? emulator = null;
        try
        {
            Uri baseAddress;
            string apiKey;
            if (string.IsNullOrWhiteSpace(settings.BaseUrl))
            {
                var emulatorOptions = new AssistantsEmulatorOptions { Timing = settings.EmulatorTiming };
                if (!string.IsNullOrWhiteSpace(settings.ModelEndpoint))
                {
                    if (!Uri.TryCreate(settings.ModelEndpoint, UriKind.Absolute, out Uri? endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
                    {
                        await error.WriteLineAsync("OPENAI_MODEL_ENDPOINT must be an absolute http or https address, e.g. http://localhost:11434/v1.");
                        return 1;
                    }

                    emulatorOptions.ChatModel.Endpoint = endpoint;
                    emulatorOptions.ChatModel.Model = settings.Model;
                }

                emulator = await AssistantsEmulator.StartAsync(emulatorOptions, cancellationToken);
                baseAddress = emulator.BaseAddress;
                apiKey = emulator.ApiKey ?? AssistantsEmulatorOptions.DefaultApiKey;
                await output.WriteLineAsync($"OPENAI_BASE_URL is not set: using the built-in Assistants emulator at {baseAddress}");
                if (emulatorOptions.ChatModel.Endpoint is Uri model)
                {
                    await output.WriteLineAsync(
                        $"OPENAI_MODEL_ENDPOINT is set: its runs are answered by the chat model at {model.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)}");
                }
            }
            else
            {
                if (string.IsNullOrWhiteSpace(settings.ApiKey))
                {
                    await error.WriteLineAsync("OPENAI_BASE_URL is set but OPENAI_API_KEY is not: set both, or neither to use the built-in emulator.");
                    return 1;
                }

                baseAddress = new Uri(settings.BaseUrl.EndsWith('/') ? settings.BaseUrl : settings.BaseUrl + "/");
                apiKey = settings.ApiKey;
                await output.WriteLineAsync($"Using the Assistants server at {baseAddress}");
            }

            await RunConversationAsync(baseAddress, apiKey, settings.Model ?? "gpt-4o-mini", output, cancellationToken);
            return 0;
        }
        catch (AssistantsApiUnavailableException ex)
        {
            await error.WriteLineAsync(ex.Message);
            return 2;
        }
        catch (OpenAIException ex)
        {
            await error.WriteLineAsync($"The demo stopped: {ex.Message}");
            return 1;
        }
        catch (OptionsValidationException ex)
        {
            await error.WriteLineAsync($"The client settings are invalid: {ex.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("Cancelled.");
            return 130;
        }
        finally
        {
            if (emulator is not null)
            {
                await emulator.DisposeAsync();
            }
        }
    }

    /// <summary>The function the assistant may call.</summary>
    /// <param name="city">The city.</param>
    /// <returns>A made-up forecast.</returns>
    [Description("Gets the current weather of a city.")]
    public static string GetWeather([Description("The city, e.g. Paris")] string city) =>
        $"{{\"city\":\"{city}\",\"forecast\":\"sunny\",\"temperature_c\":21}}";

    /// <summary>The conversation itself, against any Assistants-compatible server.</summary>
    /// <param name="baseAddress">The server's base address.</param>
    /// <param name="apiKey">The API key.</param>
    /// <param name="model">The model.</param>
    /// <param name="output">Where the conversation is printed.</param>
    /// <param name="cancellationToken">Stops the conversation.</param>
    /// <returns>A task.</returns>
    public static async Task RunConversationAsync(Uri baseAddress, string apiKey, string model, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = baseAddress;
            o.ApiKey = apiKey;
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        var assistants = provider.GetRequiredService<IAssistantsApi>();
        var threads = provider.GetRequiredService<IThreadsApi>();
        var messages = provider.GetRequiredService<IMessagesApi>();
        var runs = provider.GetRequiredService<IRunsApi>();

        FunctionToolSet tools = new FunctionToolSet().Add(GetWeather, "get_weather");
        Assistant assistant = await assistants.CreateAssistantAsync(
            new AssistantCreationOptions(model)
            {
                Name = "OpenAiApi.Refit demo",
                Instructions = "You answer weather questions. Call get_weather for the facts.",
                Tools = [.. tools.ToToolDefinitions()],
                Metadata = new Dictionary<string, string> { ["source"] = "OpenAiApi.Refit.Demo" },
            },
            cancellationToken);
        await output.WriteLineAsync($"Created assistant {assistant.Id} ({assistant.Model}) with the function tool get_weather.");
        AssistantThread? thread = null;
        try
        {
            const string question = "What is the weather like? Please call get_weather with city=Paris";
            thread = await threads.CreateThreadAsync(
                new ThreadCreationOptions { Messages = [MessageCreationOptions.User(question)] },
                cancellationToken);
            await output.WriteLineAsync($"Created thread {thread.Id}.");
            await output.WriteLineAsync($"user> {question}");

            ThreadRun run = await StreamRunAsync(runs, thread.Id, assistant.Id, tools, output, cancellationToken);
            await output.WriteLineAsync($"Run {run.Id} ended {run.Status}.");
            if (run.Usage is { } usage)
            {
                await output.WriteLineAsync($"Token usage: {usage.PromptTokens} prompt + {usage.CompletionTokens} completion = {usage.TotalTokens} total.");
            }

            await output.WriteLineAsync("Run steps:");
            await foreach (RunStep step in runs.GetAllRunStepsAsync(thread.Id, run.Id, new RunStepCollectionOptions { Order = ListOrder.Ascending }, cancellationToken: cancellationToken))
            {
                await output.WriteLineAsync($"  {step.Id}  {step.Type}  {step.Status}  {Describe(step)}");
            }

            await output.WriteLineAsync("Messages:");
            await foreach (ThreadMessage message in messages.GetAllMessagesAsync(thread.Id, new MessageCollectionOptions { Order = ListOrder.Ascending }, cancellationToken))
            {
                await output.WriteLineAsync($"  {message.Role}: {message.Text}");
            }
        }
        finally
        {
            // Clean up even when the conversation failed; never hide the original error.
            using var cleanup = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            if (thread is not null)
            {
                await TryAsync(() => threads.DeleteThreadAsync(thread.Id, cleanup.Token));
            }

            await TryAsync(() => assistants.DeleteAssistantAsync(assistant.Id, cleanup.Token));
            await output.WriteLineAsync("Deleted the thread and the assistant.");
        }
    }

    private static async Task<ThreadRun> StreamRunAsync(
        IRunsApi runs, string threadId, string assistantId, FunctionToolSet tools, TextWriter output, CancellationToken cancellationToken)
    {
        ThreadRun? last = null;
        bool writing = false;
        await foreach (RunStreamEvent streamEvent in runs.RunToCompletionStreamingAsync(
            threadId, new RunCreationOptions(assistantId), tools, new RunCompletionOptions { MaxRounds = 5 }, cancellationToken: cancellationToken))
        {
            switch (streamEvent)
            {
                case MessageDeltaStreamEvent delta:
                    if (!writing)
                    {
                        await output.WriteAsync("assistant> ");
                        writing = true;
                    }

                    await output.WriteAsync(delta.Text);
                    await output.FlushAsync(cancellationToken);
                    break;
                case MessageStreamEvent { Kind: RunStreamEventKind.MessageCompleted } when writing:
                    await output.WriteLineAsync();
                    writing = false;
                    break;
                case RunStatusStreamEvent { Run: var run }:
                    last = run;
                    if (run.Status == RunStatus.RequiresAction && run.RequiredAction?.SubmitToolOutputs?.ToolCalls is { } calls)
                    {
                        foreach (RunToolCall call in calls)
                        {
                            await output.WriteLineAsync($"tool> the run asks for {call.Function?.Name}({call.Function?.Arguments}); calling it");
                        }
                    }

                    break;
            }
        }

        return last ?? throw new InvalidOperationException("The stream reported no run.");
    }

    private static string Describe(RunStep step) => step.StepDetails switch
    {
        MessageCreationStepDetails m => $"wrote message {m.MessageCreation?.MessageId}",
        ToolCallsStepDetails t => string.Join(", ", t.ToolCalls.Select(c => c is FunctionToolCall f
            ? $"{f.Function?.Name}({f.Function?.Arguments}) = {f.Function?.Output}"
            : c.Type)),
        _ => string.Empty,
    } + (step.Usage is { } u ? string.Create(CultureInfo.InvariantCulture, $"  [{u.TotalTokens} tokens]") : string.Empty);

    private static async Task TryAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (OpenAIException)
        {
            // best effort
        }
        catch (OperationCanceledException)
        {
            // best effort
        }
    }
}
