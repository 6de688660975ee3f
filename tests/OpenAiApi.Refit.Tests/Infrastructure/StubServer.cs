using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Testing;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using WireMock.Types;
using WireMock.Util;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// What a client fixture composes instead of deriving from a base class: a WireMock server on 127.0.0.1 (random port) with its
/// request log, and the client built against it through the real <c>AddOpenAIAssistants</c> registration, on a
/// <see cref="TestClock"/> that never sleeps. A fixture starts one in <c>[OneTimeSetUp]</c>, calls <see cref="Reset"/> in
/// <c>[TearDown]</c> and disposes it in <c>[OneTimeTearDown]</c>. The static members (the key and the readers of a logged
/// request) are meant for <c>using static</c>.
/// </summary>
public sealed class StubServer : IAsyncDisposable
{
    /// <summary>A test key; long enough to look real, short enough not to look like a leaked one.</summary>
    public const string ApiKey = "sk-test-SECRET-key";

    private StubServer(WireMockServer server, TestClock time, bool fakeLogging)
    {
        Server = server;
        Time = time;
        FakeLogging = fakeLogging;
    }

    /// <summary>Gets the WireMock server (for mappings no helper here covers).</summary>
    public WireMockServer Server { get; }

    /// <summary>Gets the client's service provider.</summary>
    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>Gets the client's clock: every timer fires at once and is recorded.</summary>
    public TestClock Time { get; }

    /// <summary>Gets the server's address (scheme, host and port).</summary>
    public string Url => Server.Url!;

    /// <summary>Gets the base address the client is built with (the server's <c>/v1/</c>).</summary>
    public Uri BaseAddress => new(Url + "/v1/");

    public IAssistantsApi Assistants => Services.GetRequiredService<IAssistantsApi>();

    public IThreadsApi Threads => Services.GetRequiredService<IThreadsApi>();

    public IMessagesApi Messages => Services.GetRequiredService<IMessagesApi>();

    public IRunsApi Runs => Services.GetRequiredService<IRunsApi>();

    /// <summary>Gets the Trace-level fake log of the client (a stub started with <c>fakeLogging: true</c>).</summary>
    public FakeLogCollector Logs => Services.GetFakeLogCollector();

    /// <summary>The request log: every request the server saw since the last <see cref="Reset"/>, in arrival order.</summary>
    public IReadOnlyList<ILogEntry> LogEntries => [.. Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime)];

    /// <summary>The single request the server saw in this test.</summary>
    public ILogEntry SingleRequest
    {
        get
        {
            Assert.That(Server.LogEntries, Has.Count.EqualTo(1), "exactly one request was expected");
            return Server.LogEntries.Single();
        }
    }

    private bool FakeLogging { get; }

    /// <summary>Starts a server and builds a client against it.</summary>
    /// <param name="configure">Configures the client's options (after the key and the base address are set).</param>
    /// <param name="services">Adds to the client's services (handlers, a clock of the test's own…).</param>
    /// <param name="fakeLogging">Whether the client logs at Trace level into <see cref="Logs"/>.</param>
    public static StubServer Start(
        Action<OpenAIAssistantsClientOptions>? configure = null,
        Action<IServiceCollection>? services = null,
        bool fakeLogging = false) =>
        Start((_, options) => configure?.Invoke(options), services, fakeLogging);

    /// <summary>Starts a server and builds a client against it; <paramref name="configure"/> sees the server (its address).</summary>
    public static StubServer Start(
        Action<StubServer, OpenAIAssistantsClientOptions> configure,
        Action<IServiceCollection>? services = null,
        bool fakeLogging = false)
    {
        var stub = new StubServer(WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] }), new TestClock(), fakeLogging);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(stub.Time);
        collection.AddOpenAIAssistants(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = stub.BaseAddress;
            configure(stub, options);
        });
        if (fakeLogging)
        {
            collection.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        }

        services?.Invoke(collection);
        stub.Services = collection.BuildServiceProvider();
        return stub;
    }

    /// <summary>Builds a client outside a stub's own (for a stopped server, a second option set…), as <see cref="Start(Action{OpenAIAssistantsClientOptions}?, Action{IServiceCollection}?, bool)"/> does.</summary>
    public static ServiceProvider BuildProvider(
        Uri baseAddress,
        TimeProvider timeProvider,
        Action<OpenAIAssistantsClientOptions>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(timeProvider);
        services.AddOpenAIAssistants(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = baseAddress;
            configure?.Invoke(options);
        });
        configureServices?.Invoke(services);
        return services.BuildServiceProvider();
    }

    /// <summary>Forgets the mappings, the request log, the recorded delays and the log records (between tests).</summary>
    public void Reset()
    {
        Server.Reset();
        Time.Clear();
        if (FakeLogging)
        {
            Logs.Clear();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Services is not null)
        {
            await Services.DisposeAsync();
        }

        Server.Stop();
        Server.Dispose();
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON body.</summary>
    public void Given(string method, string path, string json, int status = 200, params (string Name, string Value)[] headers)
    {
        IResponseBuilder response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);
        foreach ((string name, string value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().UsingMethod(method).WithPath(path)).RespondWith(response);
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with the responses in turn (a WireMock scenario); the last
    /// one repeats. Each entry may carry a status and response headers.</summary>
    public void GivenStatuses(string method, string path, params (int Status, string Json, (string Name, string Value)[] Headers)[] responses)
    {
        string scenario = Guid.NewGuid().ToString("N");
        for (int i = 0; i < responses.Length; i++)
        {
            IResponseBuilder response = Response.Create().WithStatusCode(responses[i].Status).WithHeader("Content-Type", "application/json").WithBody(responses[i].Json);
            foreach ((string name, string value) in responses[i].Headers)
            {
                response = response.WithHeader(name, value);
            }

            IRespondWithAProvider provider = Server.Given(Request.Create().UsingMethod(method).WithPath(path));
            if (responses.Length == 1)
            {
                provider.RespondWith(response);
                return;
            }

            provider = provider.InScenario(scenario);
            if (i > 0)
            {
                provider = provider.WhenStateIs("state" + i);
            }

            if (i < responses.Length - 1)
            {
                provider = provider.WillSetStateTo("state" + (i + 1));
            }

            provider.RespondWith(response);
        }
    }

    /// <summary>Answers with 200 and the bodies in turn (the last one repeats); each may carry response headers.</summary>
    public void GivenSequence(string method, string path, params (string Json, (string Name, string Value)[] Headers)[] responses) =>
        GivenStatuses(method, path, [.. responses.Select(r => (200, r.Json, r.Headers))]);

    /// <summary>Shorthand for a sequence without headers.</summary>
    public void GivenSequence(string method, string path, params string[] bodies) =>
        GivenStatuses(method, path, [.. bodies.Select(b => (200, b, Array.Empty<(string, string)>()))]);

    /// <summary>Answers with a JSON body built per request; <paramref name="onRequest"/> runs before the response is sent.</summary>
    public void GivenCallback(string method, string path, Func<IRequestMessage, string> onRequest)
    {
        Server.Given(Request.Create().UsingMethod(method).WithPath(path)).RespondWith(Response.Create().WithCallback(request =>
        {
            var message = new ResponseMessage
            {
                StatusCode = 200,
                BodyData = new BodyData { BodyAsString = onRequest(request), DetectedBodyType = BodyType.String },
            };
            message.AddHeader("Content-Type", "application/json");
            return message;
        }));
    }

    /// <summary>The logged requests with this method and path, in order.</summary>
    public List<ILogEntry> Requests(string method, string path) =>
        [.. LogEntries.Where(e => e.RequestMessage.Method == method && e.RequestMessage.Path == path)];

    /// <summary>Every request, method and path, in order: the exact wire sequence.</summary>
    public IReadOnlyList<string> Wire() => [.. LogEntries.Select(e => e.RequestMessage.Method + " " + e.RequestMessage.Path)];

    /// <summary>The log records of one event id, in order.</summary>
    public IReadOnlyList<FakeLogRecord> Events(int id) => [.. Logs.GetSnapshot().Where(r => r.Id.Id == id)];

    /// <summary>Asserts that no log record, in its message, state, scopes or exception, holds the key.</summary>
    public void AssertNoRecordHoldsTheKey()
    {
        IReadOnlyList<FakeLogRecord> records = Logs.GetSnapshot();
        Assert.That(records, Is.Not.Empty, "something was logged (so the check means something)");
        foreach (FakeLogRecord record in records)
        {
            string text = record.Message + "|" + string.Join("|", (record.StructuredState ?? []).Select(p => p.Key + "=" + p.Value))
                + "|" + string.Join("|", record.Scopes) + "|" + record.Exception;
            Assert.That(text, Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"record {record.Category}/{record.Id} leaks the key");
        }
    }

    /// <summary>A value of the structured state of a log record.</summary>
    public static string? StateOf(FakeLogRecord record, string key) =>
        record.StructuredState?.FirstOrDefault(p => p.Key == key).Value;

    /// <summary>Parses the JSON body of a logged request.</summary>
    public static JsonElement BodyOf(ILogEntry entry)
    {
        string? body = entry.RequestMessage.Body;
        Assert.That(body, Is.Not.Null.And.Not.Empty, "the request had no body");
        return JsonDocument.Parse(body!).RootElement.Clone();
    }

    /// <summary>Gets a request header (first value).</summary>
    public static string? HeaderOf(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>The first value of a query parameter of a logged request (both decoded from the URL), or null.</summary>
    public static string? QueryOf(ILogEntry entry, string key) =>
        HttpUtility.ParseQueryString(new Uri(entry.RequestMessage.Url).Query).GetValues(key)?.FirstOrDefault();

    /// <summary>Asserts the method, the path, the key and the beta header of a request.</summary>
    public static void AssertRequest(ILogEntry entry, string method, string path)
    {
        Assert.Multiple(() =>
        {
            Assert.That(entry.RequestMessage.Method, Is.EqualTo(method));
            Assert.That(entry.RequestMessage.Path, Is.EqualTo(path));
            Assert.That(HeaderOf(entry, "Authorization"), Is.EqualTo("Bearer " + ApiKey));
            Assert.That(HeaderOf(entry, "OpenAI-Beta"), Is.EqualTo("assistants=v2"));
        });
    }

    /// <summary>Asserts <see cref="AssertRequest"/> of every entry against its own method and path.</summary>
    public static void AssertAllAuthenticated(IEnumerable<ILogEntry> entries)
    {
        foreach (ILogEntry entry in entries)
        {
            AssertRequest(entry, entry.RequestMessage.Method, entry.RequestMessage.Path);
        }
    }
}
