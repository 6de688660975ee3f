using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.ChatModel;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Tests.Storage;

/// <summary>Runs a chat model works on in the background commit what they do as they go: a restart reads back a finished run,
/// and settles a run the restart interrupted mid-reply.</summary>
public sealed class ModelBackedStoreTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("emulator-model-store-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task BackgroundRun_FinishedOrInterrupted_ReadsBackAfterARestart()
    {
        string path = Path.Combine(_folder, "state.db");
        var model = new FakeChatClient();
        string threadId, finishedRun, interruptedRun;
        await using (AssistantsEmulator emulator = await StartAsync(path, model))
        await using (ServiceProvider services = Client(emulator))
        {
            IRunsApi runs = services.GetRequiredService<IRunsApi>();
            Assistant assistant = await services.GetRequiredService<IAssistantsApi>().CreateAssistantAsync(new AssistantCreationOptions("gpt-4o-mini"));
            threadId = (await services.GetRequiredService<IThreadsApi>().CreateThreadAsync(new ThreadCreationOptions { Messages = [MessageCreationOptions.User("Say hello")] })).Id;

            model.NextText("Hello", " there");
            finishedRun = (await runs.CreateRunAsync(threadId, new RunCreationOptions(assistant.Id))).Id;
            Assert.That((await runs.WaitForRunAsync(threadId, finishedRun)).Status, Is.EqualTo(RunStatus.Completed));

            FakeTurn turn = model.Next();
            interruptedRun = (await runs.CreateRunAsync(threadId, new RunCreationOptions(assistant.Id))).Id;
            await turn.Started.Task;
            turn.Text("Half a");

            // Applied in the background and not read since: only the background's own commit can have stored it.
            await turn.ConsumedAsync(1);
        }

        // Restarted without a model: the scripted model is enough to read.
        await using AssistantsEmulator restarted = await StartAsync(path, model: null);
        await using ServiceProvider client = Client(restarted);
        IRunsApi readRuns = client.GetRequiredService<IRunsApi>();
        ThreadRun finished = await readRuns.GetRunAsync(threadId, finishedRun);
        ThreadRun interrupted = await readRuns.GetRunAsync(threadId, interruptedRun);
        CursorPage<ThreadMessage> all = await client.GetRequiredService<IMessagesApi>().ListMessagesAsync(threadId, new MessageCollectionOptions { Order = ListOrder.Ascending });

        Assert.Multiple(() =>
        {
            Assert.That(finished.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(all.Data.Select(m => (m.Role, m.Text, m.Status)), Is.EqualTo(new[]
            {
                (MessageRole.User, "Say hello", MessageStatus.Completed),
                (MessageRole.Assistant, "Hello there", MessageStatus.Completed),
                (MessageRole.Assistant, "Half a", MessageStatus.Incomplete),
            }));
            Assert.That(interrupted.Status, Is.EqualTo(RunStatus.Failed));
            Assert.That(interrupted.LastError?.Code, Is.EqualTo("server_error"));
        });
    }

    private static Task<AssistantsEmulator> StartAsync(string path, IChatClient? model)
    {
        var options = new AssistantsEmulatorOptions { DataPath = path };
        options.ChatModel.ChatClient = model;
        return AssistantsEmulator.StartAsync(options);
    }

    private static ServiceProvider Client(AssistantsEmulator emulator)
    {
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = emulator.BaseAddress;
            o.ApiKey = emulator.ApiKey;
        });
        return services.BuildServiceProvider();
    }
}
