using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Samples.AspNetCore;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;

/// <summary>
/// What a sample fixture composes instead of deriving from a base class: one in-process emulator (127.0.0.1, a free port, instant
/// runs), the sample hosted by <see cref="WebApplicationFactory{TEntryPoint}"/> (an in-memory test server: nothing listens) with
/// <c>OpenAI:BaseAddress</c> and <c>OpenAI:ApiKey</c> pointing at the emulator, and a client of its own on the emulator to check
/// what the sample did there. A fixture starts one in <c>[OneTimeSetUp]</c> and disposes it in <c>[OneTimeTearDown]</c>. The
/// static members (readers of the sample's endpoints) are meant for <c>using static</c>.
/// </summary>
public sealed class SampleHarness : IAsyncDisposable
{
    private readonly List<WebApplicationFactory<Program>> _factories = [];
    private ServiceProvider _emulatorClient = null!;

    private SampleHarness()
    {
    }

    /// <summary>Gets the emulator the sample talks to.</summary>
    public AssistantsEmulator Emulator { get; private set; } = null!;

    /// <summary>The sample, configured for the emulator.</summary>
    public WebApplicationFactory<Program> App { get; private set; } = null!;

    /// <summary>A client of the sample.</summary>
    public HttpClient Http { get; private set; } = null!;

    public IAssistantsApi EmulatorAssistants => _emulatorClient.GetRequiredService<IAssistantsApi>();

    public IThreadsApi EmulatorThreads => _emulatorClient.GetRequiredService<IThreadsApi>();

    public IMessagesApi EmulatorMessages => _emulatorClient.GetRequiredService<IMessagesApi>();

    public IRunsApi EmulatorRuns => _emulatorClient.GetRequiredService<IRunsApi>();

    /// <summary>Starts the emulator, a client on it (no retries) and the sample pointed at it.</summary>
    public static async Task<SampleHarness> StartAsync()
    {
        var harness = new SampleHarness();
        try
        {
            harness.Emulator = await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { Timing = EmulatorRunTiming.Instant });
            var services = new ServiceCollection();
            services.AddOpenAIAssistants(o =>
            {
                o.BaseAddress = harness.Emulator.BaseAddress;
                o.ApiKey = harness.Emulator.ApiKey;
                o.MaxRetries = 0;
            });
            harness._emulatorClient = services.BuildServiceProvider();
            harness.App = harness.CreateApp();
            harness.Http = harness.App.CreateClient();
            return harness;
        }
        catch
        {
            await harness.DisposeAsync();
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        foreach (WebApplicationFactory<Program> factory in _factories)
        {
            await factory.DisposeAsync();
        }

        if (_emulatorClient is not null)
        {
            await _emulatorClient.DisposeAsync();
        }

        if (Emulator is not null)
        {
            await Emulator.DisposeAsync();
        }
    }

    /// <summary>Hosts another instance of the sample: the emulator's address and key, then <paramref name="settings"/> on top
    /// (e.g. a wrong key), then <paramref name="configureServices"/>. Disposed with the harness.</summary>
    public WebApplicationFactory<Program> CreateApp(
        IReadOnlyDictionary<string, string>? settings = null, Action<IServiceCollection>? configureServices = null)
    {
        var root = new WebApplicationFactory<Program>();
        _factories.Add(root); // disposing it disposes the derived factory too
        return root.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("OpenAI:BaseAddress", Emulator.BaseAddress.ToString());
            builder.UseSetting("OpenAI:ApiKey", Emulator.ApiKey);
            foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.ClearProviders());
            if (configureServices is not null)
            {
                builder.ConfigureTestServices(configureServices);
            }
        });
    }

    /// <summary>POSTs <c>/api/threads</c> and returns the new thread's id.</summary>
    public static async Task<string> CreateThreadAsync(HttpClient http)
    {
        using HttpResponseMessage response = await http.PostAsync("/api/threads", content: null);
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        ThreadCreatedResponse? created = await response.Content.ReadFromJsonAsync<ThreadCreatedResponse>();
        return created!.ThreadId;
    }

    /// <summary>POSTs a message to a thread and returns the message's id.</summary>
    public static async Task<string> PostMessageAsync(HttpClient http, string threadId, string text)
    {
        using HttpResponseMessage response = await http.PostAsJsonAsync($"/api/threads/{threadId}/messages", new { text });
        Assert.That(response.StatusCode, Is.EqualTo(System.Net.HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        MessagePostedResponse? posted = await response.Content.ReadFromJsonAsync<MessagePostedResponse>();
        return posted!.MessageId;
    }

    /// <summary>GETs the stream endpoint and reads every event until the server ends the response.</summary>
    public static async Task<(HttpResponseMessage Response, List<SseItem<string>> Events)> StreamAsync(HttpClient http, string threadId)
    {
        HttpResponseMessage response = await http.GetAsync($"/api/threads/{threadId}/stream", HttpCompletionOption.ResponseHeadersRead);
        var events = new List<SseItem<string>>();
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync();
            await foreach (SseItem<string> item in SseParser.Create(stream).EnumerateAsync())
            {
                events.Add(item);
            }
        }

        return (response, events);
    }

    /// <summary>A property of an event's JSON data.</summary>
    public static string? Field(SseItem<string> item, string name)
    {
        using JsonDocument document = JsonDocument.Parse(item.Data);
        return document.RootElement.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null
            ? value.GetString()
            : null;
    }

    /// <summary>The assistants this sample created on the emulator (marked by <see cref="ChatService.AssistantMarker"/>).</summary>
    public async Task<List<Assistant>> SampleAssistantsAsync()
    {
        CursorPage<Assistant> page = await EmulatorAssistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 100 });
        return [.. page.Data.Where(a => a.Metadata?.GetValueOrDefault(ChatService.AssistantMarker.Key) == ChatService.AssistantMarker.Value)];
    }
}
