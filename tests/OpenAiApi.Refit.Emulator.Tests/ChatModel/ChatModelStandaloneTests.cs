using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.Server;
using WireMock.Settings;

namespace OpenAiApi.Refit.Emulator.Tests.ChatModel;

/// <summary>The standalone emulator with <c>--model-endpoint</c>: startup says which backend answers (never the key), the key
/// comes from the environment variable named by <c>--model-key-env</c>, and runs are answered by the endpoint.</summary>
public sealed class ChatModelStandaloneTests
{
    private const string KeyVariable = "OPENAIAPIREFIT_TESTS_STANDALONE_MODEL_KEY";
    private const string ModelKey = "standalone-model-test-key";

    /// <param name="source">Where the settings come from: the command line, or the environment (configuration binding of the
    /// <c>Emulator:ChatModel</c> section, as <c>appsettings.json</c> would bind it).</param>
    [TestCase("command line")]
    [TestCase("environment")]
    public async Task Standalone_ModelEndpoint_AnswersRunsWithTheChatModel_AndLogsTheBackendWithoutTheKey(string source)
    {
        using var chat = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ChatCompletionsStub.AnswerText(chat, ["Hello", " from", " afar."], promptTokens: 12);
        using Process process = source == "environment"
            ? Start(
                new Dictionary<string, string>
                {
                    ["Emulator__ChatModel__Endpoint"] = chat.Url + "/v1",
                    ["Emulator__ChatModel__Model"] = "llama3.2",
                    ["Emulator__ChatModel__KeyEnvironmentVariable"] = KeyVariable,
                })
            : Start("--model-endpoint", chat.Url + "/v1", "--model", "llama3.2", "--model-key-env", KeyVariable);
        var lines = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var backendLine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Read the whole output as it comes: a child whose stdout pipe fills up blocks on its next log line.
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is string line)
            {
                lines.Enqueue(line);
                if (line.Contains("runs are answered by", StringComparison.Ordinal))
                {
                    backendLine.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)); // fail, never hang, if something stalls
            await backendLine.Task.WaitAsync(timeout.Token);
            const string marker = "base address ";
            string? baseAddress = lines.Select(l => l.IndexOf(marker, StringComparison.Ordinal) is int i and >= 0 ? l[(i + marker.Length)..].Split(' ')[0] : null)
                .First(a => a is not null);

            var services = new ServiceCollection();
            services.AddOpenAIAssistants(o =>
            {
                o.BaseAddress = new Uri(baseAddress!);
                o.ApiKey = AssistantsEmulatorOptions.DefaultApiKey;
            });
            await using ServiceProvider provider = services.BuildServiceProvider();
            IRunsApi runs = provider.GetRequiredService<IRunsApi>();
            Assistant assistant = await provider.GetRequiredService<IAssistantsApi>().CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"), timeout.Token);
            ThreadRun run = await provider.GetRequiredService<IThreadsApi>().CreateThreadAndRunAsync(new ThreadAndRunCreationOptions(assistant.Id)
            {
                Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User("Hi")] },
            }, timeout.Token);
            ThreadRun completed = await runs.WaitForRunAsync(run.ThreadId!, run.Id, cancellationToken: timeout.Token);
            ThreadMessage reply = (await provider.GetRequiredService<IMessagesApi>().ListMessagesAsync(run.ThreadId!, cancellationToken: timeout.Token)).Data[0];

            string output = string.Join('\n', lines);
            Assert.Multiple(() =>
            {
                Assert.That(output, Does.Contain($"runs are answered by the chat model at {chat.Url}/v1 (default model llama3.2), key from ${KeyVariable}"));
                Assert.That(output, Does.Not.Contain(ModelKey));
                Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
                Assert.That(reply.Text, Is.EqualTo("Hello from afar."));
                Assert.That(chat.LogEntries.Single().RequestMessage.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + ModelKey));
                Assert.That(chat.LogEntries.Single().RequestMessage.Body, Does.Contain("\"model\":\"gpt-4o\""));
            });
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Test]
    public async Task Standalone_InvalidModelEndpoint_ExitsTwoWithAnExplanation()
    {
        using Process process = Start("--model-endpoint", "localhost:11434");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Multiple(() =>
        {
            Assert.That(process.ExitCode, Is.EqualTo(2));
            Assert.That(error, Does.Contain("--model-endpoint needs an absolute http or https address"));
        });
    }

    private static Process Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    private static Process Start(Dictionary<string, string> environment, params string[] args)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenAiApi.Refit.Emulator.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--timing", "instant" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { [KeyVariable] = ModelKey },
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach ((string name, string value) in environment)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }
}
