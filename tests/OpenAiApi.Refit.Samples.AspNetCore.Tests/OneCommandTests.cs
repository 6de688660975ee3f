using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.ChatModel;
using OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure;
using WireMock.Server;
using WireMock.Settings;
using static OpenAiApi.Refit.Samples.AspNetCore.Tests.Infrastructure.SampleHarness;

namespace OpenAiApi.Refit.Samples.AspNetCore.Tests;

/// <summary><c>dotnet run --project src/OpenAiApi.Refit.Samples.AspNetCore</c> alone works: with no <c>OpenAI:BaseAddress</c> the
/// sample starts the emulator in-process and logs where; with one, it uses that server and starts nothing.</summary>
public sealed class OneCommandTests
{
    private SampleHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartSample() => _harness = await SampleHarness.StartAsync();

    [OneTimeTearDown]
    public async Task StopSample() => await _harness.DisposeAsync();

    [Test]
    public async Task NoBaseAddressConfigured_StartsTheEmulatorInProcess_SaysSo_AndChats()
    {
        var logs = new CapturingLoggerProvider();
        await using WebApplicationFactory<Program> sample = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));
        using HttpClient http = sample.CreateClient();

        using HttpResponseMessage created = await http.PostAsync("/api/threads", null);
        ThreadCreatedResponse? thread = await created.Content.ReadFromJsonAsync<ThreadCreatedResponse>();

        InProcessEmulator? emulator = sample.Services.GetService<InProcessEmulator>();
        Assert.Multiple(() =>
        {
            Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(thread?.ThreadId, Does.StartWith("thread_"));
            Assert.That(emulator, Is.Not.Null, "the emulator was started");
            Assert.That(emulator?.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
            Assert.That(logs.Messages, Has.One.EqualTo(
                $"OpenAI:BaseAddress is not configured: using the Assistants emulator started in-process at {emulator?.BaseAddress}. " +
                "Set OpenAI:BaseAddress and OpenAI:ApiKey to use another server."));
        });
    }

    [Test]
    public async Task BaseAddressConfigured_UsesThatServer_AndStartsNoEmulator()
    {
        using HttpResponseMessage created = await _harness.Http.PostAsync("/api/threads", null);
        ThreadCreatedResponse? thread = await created.Content.ReadFromJsonAsync<ThreadCreatedResponse>();

        Assert.Multiple(async () =>
        {
            Assert.That(_harness.App.Services.GetService<InProcessEmulator>(), Is.Null);
            Assert.That(thread?.ThreadId, Does.StartWith("thread_"));
            Assert.That((await _harness.EmulatorThreads.GetThreadAsync(thread!.ThreadId)).Id, Is.EqualTo(thread.ThreadId), "the thread is on the configured server");
        });
    }

    [Test]
    public async Task ModelEndpointConfigured_TheInProcessEmulatorsRunsAreAnsweredByThatChatModel()
    {
        using var chat = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ChatCompletionsStub.AnswerText(chat, ["Your parcel", " is in", " Lyon."], promptTokens: 40);
        await using WebApplicationFactory<Program> sample = new WebApplicationFactory<Program>().WithWebHostBuilder(builder => builder
            .UseSetting("OPENAI_MODEL_ENDPOINT", chat.Url + "/v1")
            .UseSetting("OPENAI_MODEL", "llama3.2")
            .ConfigureLogging(logging => logging.ClearProviders()));
        using HttpClient http = sample.CreateClient();
        string threadId = await CreateThreadAsync(http);
        await PostMessageAsync(http, threadId, "Where is my parcel?");

        (HttpResponseMessage response, List<SseItem<string>> events) = await StreamAsync(http, threadId);
        using (response)
        {
            string[] requests = [.. chat.LogEntries.Select(e => e.RequestMessage.Body ?? string.Empty)];
            Assert.Multiple(() =>
            {
                Assert.That(sample.Services.GetService<InProcessEmulator>(), Is.Not.Null, "the emulator was started");
                Assert.That(events.Where(e => e.EventType == "delta").Select(e => Field(e, "text")), Is.EqualTo(new[] { "Your parcel", " is in", " Lyon." }));
                Assert.That(Field(events[^1], "status"), Is.EqualTo("completed"));
                Assert.That(requests, Has.Length.EqualTo(1));
                Assert.That(chat.LogEntries.Single().RequestMessage.Path, Is.EqualTo("/v1/chat/completions"));
                Assert.That(requests[0], Does.Contain("\"content\":\"Where is my parcel?\"").And.Contain("\"stream\":true"));
            });
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _messages = new();

        public IEnumerable<string> Messages => _messages;

        public ILogger CreateLogger(string categoryName) => new Logger(_messages);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(formatter(state, exception));
        }
    }
}
