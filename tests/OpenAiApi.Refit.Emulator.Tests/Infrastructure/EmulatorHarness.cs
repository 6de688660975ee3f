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
/// What an emulator fixture composes instead of deriving from a base class: one emulator started in-process (127.0.0.1, a free
/// port) on the store it is given, and the real client built against it through <c>AddOpenAIAssistants</c>, with a clock that
/// never sleeps for the client's retries. A raw <see cref="HttpClient"/> reaches what the client refuses to send (bad ids, bad
/// limits, bad bodies). A fixture starts one in <c>[OneTimeSetUp]</c>, calls <see cref="Reset"/> in <c>[SetUp]</c> and disposes
/// it in <c>[OneTimeTearDown]</c>. A contract fixture runs once per store: <c>[TestFixture(EmulatorStoreKind.InMemory)]</c> and
/// <c>[TestFixture(EmulatorStoreKind.Sqlite)]</c> with a constructor passing the kind on (the SQLite files live in a temporary
/// folder removed on dispose). The static members (event and JSON readers) are meant for <c>using static</c>.
/// </summary>
public sealed class EmulatorHarness : IAsyncDisposable
{
    /// <summary>JSON options matching the wire (for reading event payloads in tests).</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        AllowOutOfOrderMetadataProperties = true,
    };

    private string? _dataFolder;

    private EmulatorHarness(EmulatorStoreKind store) => Store = store;

    /// <summary>Gets the store the emulator keeps its state in.</summary>
    public EmulatorStoreKind Store { get; }

    /// <summary>Gets the emulator (reset before each test).</summary>
    public AssistantsEmulator Emulator { get; private set; } = null!;

    /// <summary>Gets the client's service provider.</summary>
    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The client's clock, registered in its service provider: backoffs and polls pass at once, deadlines of 10 s or more run
    /// on the real clock (the client's helpers time their waits and tool calls on the registered clock too).</summary>
    public TestClock ClientTime { get; } = TestClock.RealTimeFrom(TimeSpan.FromSeconds(10));

    /// <summary>Gets a raw client on the emulator's address (no key: <see cref="SendAsync"/> adds it).</summary>
    public HttpClient Raw { get; private set; } = null!;

    public IAssistantsApi Assistants => Services.GetRequiredService<IAssistantsApi>();

    public IThreadsApi Threads => Services.GetRequiredService<IThreadsApi>();

    public IMessagesApi Messages => Services.GetRequiredService<IMessagesApi>();

    public IRunsApi Runs => Services.GetRequiredService<IRunsApi>();

    /// <summary>Starts an emulator on <paramref name="store"/> and builds a client against it.</summary>
    /// <param name="store">Where the emulator keeps its state (SQLite: a new file in the harness's temporary folder).</param>
    /// <param name="configureEmulator">Configures the emulator's options (after the data path is set).</param>
    /// <param name="configureClient">Configures the client's options (after the key and the base address are set).</param>
    public static async Task<EmulatorHarness> StartAsync(
        EmulatorStoreKind store = EmulatorStoreKind.InMemory,
        Action<AssistantsEmulatorOptions>? configureEmulator = null,
        Action<OpenAIAssistantsClientOptions>? configureClient = null)
    {
        var harness = new EmulatorHarness(store);
        try
        {
            harness.Emulator = await harness.StartEmulatorAsync(configureEmulator);
            var services = new ServiceCollection();
            services.AddSingleton<TimeProvider>(harness.ClientTime);
            services.AddOpenAIAssistants(o =>
            {
                o.BaseAddress = harness.Emulator.BaseAddress;
                o.ApiKey = harness.Emulator.ApiKey;
                configureClient?.Invoke(o);
            });
            harness.Services = services.BuildServiceProvider();
            harness.Raw = new HttpClient { BaseAddress = harness.Emulator.BaseAddress };
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <summary>Forgets the emulator's state and the client clock's recorded delays (between tests).</summary>
    public void Reset()
    {
        Emulator.Reset();
        ClientTime.Clear();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
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

    /// <summary>Gives a path for a new data file in the harness's temporary folder.</summary>
    public string NewDataFile()
    {
        _dataFolder ??= Directory.CreateTempSubdirectory("emulator-store-").FullName;
        return Path.Combine(_dataFolder, $"emulator-{Guid.NewGuid():N}.db");
    }

    /// <summary>Starts another emulator on the harness's store (a new data file for SQLite unless <paramref name="dataPath"/> names
    /// one); dispose it.</summary>
    public async Task<AssistantsEmulator> StartEmulatorAsync(Action<AssistantsEmulatorOptions>? configure = null, string? dataPath = null)
    {
        var options = new AssistantsEmulatorOptions();
        if (Store == EmulatorStoreKind.Sqlite)
        {
            options.DataPath = dataPath ?? NewDataFile();
        }

        configure?.Invoke(options);
        return await AssistantsEmulator.StartAsync(options);
    }

    /// <summary>Sends a raw request with the emulator's key (unless <paramref name="key"/> says otherwise).</summary>
    public async Task<RawResponse> SendAsync(HttpMethod method, string path, string? json = null, string? key = "default", params (string Name, string Value)[] headers)
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
    public static async Task<List<SseItem<string>>> ReadEventsAsync(HttpResponseMessage response)
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

    /// <summary>Reads an event's data as <typeparamref name="T"/> with <see cref="JsonOptions"/>.</summary>
    public static T Data<T>(SseItem<string> item) => JsonSerializer.Deserialize<T>(item.Data, JsonOptions)!;

    /// <summary>Creates an assistant ("Helper", gpt-4o-mini) with a function tool of each name.</summary>
    public async Task<Assistant> CreateAssistantAsync(params string[] functionNames)
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

    /// <summary>Creates a thread with one user message per string.</summary>
    public async Task<AssistantThread> CreateThreadAsync(params string[] userMessages)
    {
        var options = new ThreadCreationOptions { Messages = [.. userMessages.Select(static m => MessageCreationOptions.User(m))] };
        return await Threads.CreateThreadAsync(options);
    }

    /// <summary>Asserts that <paramref name="action"/> throws <typeparamref name="T"/> and returns it.</summary>
    public static async Task<T> ThrowsAsync<T>(Func<Task> action)
        where T : OpenAIApiException
    {
        T? exception = Assert.ThrowsAsync<T>(async () => await action());
        Assert.That(exception, Is.Not.Null);
        return exception!;
    }
}
