using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Emulator.Tests.Infrastructure;

/// <summary>
/// Starts one emulator per fixture in-process (127.0.0.1, a free port) and builds the real client through
/// <c>AddOpenAIAssistants</c>, with a clock that never sleeps for the client's retries. The emulator is reset before each test.
/// A raw <see cref="HttpClient"/> reaches what the client refuses to send (bad ids, bad limits, bad bodies).
/// A contract fixture runs once per store: <c>[TestFixture(EmulatorStoreKind.InMemory)]</c> and
/// <c>[TestFixture(EmulatorStoreKind.Sqlite)]</c> with a constructor passing the kind on (the SQLite file lives in a temporary
/// folder removed after the fixture).
/// </summary>
public abstract class EmulatorTestBase
{
    private string? _dataFolder;

    protected EmulatorTestBase()
        : this(EmulatorStoreKind.InMemory)
    {
    }

    protected EmulatorTestBase(EmulatorStoreKind store) => Store = store;

    /// <summary>Gets the store the fixture's emulator keeps its state in.</summary>
    protected EmulatorStoreKind Store { get; }

    protected AssistantsEmulator Emulator { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    /// <summary>The client's clock, registered in its service provider: backoffs and polls pass at once, deadlines of 10 s or more run
    /// on the real clock (the client's helpers time their waits and tool calls on the registered clock too).</summary>
    protected TestClock ClientTime { get; } = TestClock.RealTimeFrom(TimeSpan.FromSeconds(10));

    protected HttpClient Raw { get; private set; } = null!;

    protected IAssistantsApi Assistants => Services.GetRequiredService<IAssistantsApi>();

    protected IThreadsApi Threads => Services.GetRequiredService<IThreadsApi>();

    protected IMessagesApi Messages => Services.GetRequiredService<IMessagesApi>();

    protected IRunsApi Runs => Services.GetRequiredService<IRunsApi>();

    [OneTimeSetUp]
    public async Task StartEmulator()
    {
        var options = new AssistantsEmulatorOptions();
        if (Store == EmulatorStoreKind.Sqlite)
        {
            options.DataPath = NewDataFile();
        }

        ConfigureEmulator(options);
        Emulator = await AssistantsEmulator.StartAsync(options);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(ClientTime);
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = Emulator.BaseAddress;
            o.ApiKey = Emulator.ApiKey;
            ConfigureClient(o);
        });
        Services = services.BuildServiceProvider();
        Raw = new HttpClient { BaseAddress = Emulator.BaseAddress };
    }

    [SetUp]
    public void ResetEmulator()
    {
        Emulator.Reset();
        ClientTime.Clear();
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        Raw?.Dispose();
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }

        if (_dataFolder is not null)
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    /// <summary>Gives a path for a new data file in the fixture's temporary folder.</summary>
    protected string NewDataFile()
    {
        _dataFolder ??= Directory.CreateTempSubdirectory("emulator-store-").FullName;
        return Path.Combine(_dataFolder, $"emulator-{Guid.NewGuid():N}.db");
    }

    /// <summary>Starts another emulator on the fixture's store (a new data file for SQLite unless <paramref name="dataPath"/> names
    /// one); dispose it.</summary>
    protected async Task<AssistantsEmulator> StartEmulatorAsync(Action<AssistantsEmulatorOptions>? configure = null, string? dataPath = null)
    {
        var options = new AssistantsEmulatorOptions();
        if (Store == EmulatorStoreKind.Sqlite)
        {
            options.DataPath = dataPath ?? NewDataFile();
        }

        configure?.Invoke(options);
        return await AssistantsEmulator.StartAsync(options);
    }

    protected virtual void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
    }

    protected virtual void ConfigureClient(OpenAIAssistantsClientOptions options)
    {
    }

    /// <summary>Sends a raw request with the emulator's key (unless <paramref name="key"/> says otherwise).</summary>
    protected async Task<RawResponse> SendAsync(HttpMethod method, string path, string? json = null, string? key = "default", params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key == "default" ? Emulator.ApiKey : key);
        }

        foreach ((string name, string value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await Raw.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new RawResponse(response.StatusCode, response.Headers, response.Content.Headers, text);
    }

    /// <summary>Reads a whole event stream as (event name, data) pairs.</summary>
    protected static async Task<List<SseItem<string>>> ReadEventsAsync(HttpResponseMessage response)
    {
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/event-stream"));
        var events = new List<SseItem<string>>();
        await using Stream stream = await response.Content.ReadAsStreamAsync();
        await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
        {
            events.Add(item);
        }

        return events;
    }

    protected static T Data<T>(SseItem<string> item) => JsonSerializer.Deserialize<T>(item.Data, JsonOptions)!;

    /// <summary>JSON options matching the wire (for reading event payloads in tests).</summary>
    protected static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowOutOfOrderMetadataProperties = true,
    };

    protected async Task<Assistant> CreateAssistantAsync(params string[] functionNames)
    {
        var options = new AssistantCreationOptions("gpt-4o-mini") { Name = "Helper", Instructions = "Be brief." };
        foreach (string name in functionNames)
        {
            options.Tools.Add(new FunctionToolDefinition(new FunctionDefinition(
                name,
                "A test function.",
                JsonDocument.Parse("""{"type":"object","properties":{"city":{"type":"string"},"days":{"type":"integer"}}}""").RootElement)));
        }

        return await Assistants.CreateAssistantAsync(options);
    }

    protected async Task<AssistantThread> CreateThreadAsync(params string[] userMessages)
    {
        var options = new ThreadCreationOptions { Messages = [.. userMessages.Select(static m => MessageCreationOptions.User(m))] };
        return await Threads.CreateThreadAsync(options);
    }

    protected static async Task<T> ThrowsAsync<T>(Func<Task> action)
        where T : OpenAIApiException
    {
        T? exception = Assert.ThrowsAsync<T>(async () => await action());
        Assert.That(exception, Is.Not.Null);
        return exception!;
    }
}
