using System.Collections;
using System.Reflection;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Streaming;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// Row 34, swept: every exception type the library throws, each provoked through the real pipeline with the key
/// <c>sk-test-SECRET-key</c> and a Trace-level logger, must keep the key out of its <c>Message</c>, <c>ToString()</c>, <c>Data</c>,
/// every public property and every inner exception; and every log event the library declares (<c>[LoggerMessage]</c>) must be
/// written by the sweep at least once, its message, structured state, scopes and exception free of the key. Content logging
/// (request and response bodies) is on throughout, so the body events are swept too.
/// </summary>
public sealed class SecretHygieneTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantPath = "/v1/assistants/asst_abc123";
    private const string StreamPath = "/v1/threads/thread_s1/runs";

    private static readonly (int Status, Type Type)[] StatusTypes =
    [
        (400, typeof(OpenAIBadRequestException)),
        (401, typeof(OpenAIAuthenticationException)),
        (403, typeof(OpenAIPermissionDeniedException)),
        (404, typeof(OpenAINotFoundException)),
        (409, typeof(OpenAIConflictException)),
        (422, typeof(OpenAIUnprocessableEntityException)),
        (429, typeof(OpenAIRateLimitException)),
        (500, typeof(OpenAIInternalServerException)),
        (410, typeof(AssistantsApiUnavailableException)),
        (307, typeof(OpenAIApiException)),
    ];

    private static IEnumerable<TestCaseData> Scenarios() =>
        AllScenarios().Where(s => s.Expected is not null).Select(s => new TestCaseData(s).SetArgDisplayNames(s.Name));

    private static IEnumerable<Scenario> AllScenarios()
    {
        foreach ((int status, Type type) in StatusTypes)
        {
            yield return new Scenario($"HTTP {status}", type, Arrange: t => t._stub.Given("GET", AssistantPath,
                ErrorJson("Incorrect API key provided: sk-tes***-key.", "invalid_request_error", "invalid_api_key", null), status,
                ("x-request-id", "req_secret"), ("Location", "https://elsewhere.example/steal"), ("Retry-After", "1")),
                Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        }

        yield return new Scenario("connection refused", typeof(OpenAIConnectionException), BaseAddress: _ => RefusingBaseAddress(),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("attempt timeout", typeof(OpenAITimeoutException), Primary: () => new HangingHandler(),
            Configure: o => o.AttemptTimeout = TimeSpan.FromMilliseconds(50),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("stream idle timeout", typeof(OpenAITimeoutException),
            Primary: () => new StubPrimaryHandler { Respond = _ => StubPrimaryHandler.EventStream(new ControlledSseStream()) },
            Call: sp => DrainAsync(sp, new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(50) }));
        yield return new Scenario("stream cut", typeof(OpenAIStreamException), Primary: () => new StubPrimaryHandler { Respond = _ => CutStream() },
            Call: sp => DrainAsync(sp));
        yield return new Scenario("stream error event", typeof(OpenAIStreamException),
            Arrange: t => t.GivenStream(Sse(("thread.run.created", Run("queued")), ("error", """{"message":"boom","type":"server_error","code":null}"""))),
            Call: sp => DrainAsync(sp));
        yield return new Scenario("stream malformed event", typeof(OpenAIStreamException),
            Arrange: t => t.GivenStream(Sse(("thread.run.created", Run("queued")), ("thread.message.delta", """{"id":"""))),
            Call: sp => DrainAsync(sp));
        yield return new Scenario("stream ends early", typeof(OpenAIStreamException),
            Arrange: t => t.GivenStream(Sse(("thread.run.created", Run("queued")))),
            Call: sp => DrainAsync(sp));
        yield return new Scenario("200 html", typeof(OpenAIResponseValidationException),
            Arrange: t => t._stub.Server.Given(Request.Create().UsingGet().WithPath(AssistantPath))
                .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody("<html>portal</html>")),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("200 malformed", typeof(OpenAIResponseValidationException), Arrange: t => t._stub.Given("GET", AssistantPath, "{\"id\":"),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("200 without id", typeof(OpenAIResponseValidationException), Arrange: t => t._stub.Given("GET", AssistantPath, "{}"),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("200 too large", typeof(OpenAIResponseValidationException),
            Arrange: t => t._stub.Given("GET", AssistantPath, $$"""{"id":"asst_abc123","description":"{{new string('d', 5000)}}"}"""),
            Configure: o => o.MaxResponseContentLength = 4096,
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));
        yield return new Scenario("invalid id", typeof(ArgumentException),
            Call: sp => sp.GetRequiredService<IAssistantsApi>().GetAssistantAsync(".."));
        yield return new Scenario("run without thread id", typeof(InvalidOperationException),
            Arrange: t => t._stub.Given("POST", "/v1/threads/runs", """{"id":"run_abc123","object":"thread.run","status":"queued"}"""),
            Call: sp => sp.GetRequiredService<IThreadsApi>().CreateThreadAndRunAndWaitAsync(sp.GetRequiredService<IRunsApi>(), new ThreadAndRunCreationOptions("asst_abc123")));
        yield return new Scenario("wait deadline", typeof(TimeoutException),
            Arrange: t => t._stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123", """{"id":"run_abc123","object":"thread.run","status":"in_progress"}"""),
            Call: sp => sp.GetRequiredService<IRunsApi>().WaitForRunAsync("thread_abc123", "run_abc123",
                new RunWaitOptions { Timeout = TimeSpan.FromSeconds(5), TimeProvider = new TestClock() }));
        yield return new Scenario("options invalid", typeof(OptionsValidationException), BaseAddress: _ => new Uri("http://api.example.com/v1/"),
            Call: sp => Task.FromResult(sp.GetRequiredService<IAssistantsApi>()));

        // Not a failure, but the only way to the run and tool-call events: a run whose one tool call throws, then completes.
        yield return new Scenario("function tool loop", null,
            Arrange: t =>
            {
                t._stub.Given("POST", "/v1/threads/" + RunsJson.ThreadId + "/runs", RunsJson.Run("queued"));
                t._stub.GivenSequence("GET", RunsJson.RunPath, RunsJson.Run("requires_action", toolCalls: ("call_1", "explode", "{}")), RunsJson.Run("completed"));
                t._stub.Given("POST", RunsJson.RunPath + "/submit_tool_outputs", RunsJson.Run("queued"));
                t._stub.Given("GET", "/v1/threads/" + RunsJson.ThreadId + "/messages", RunsJson.Page([RunsJson.Message("msg_1", "Done.")], "msg_1", "msg_1", hasMore: false));
            },
            Call: sp => sp.GetRequiredService<IRunsApi>().RunToCompletionAsync(
                sp.GetRequiredService<IMessagesApi>(),
                RunsJson.ThreadId,
                new RunCreationOptions("asst_abc"),
                new FunctionToolSet().Add((Func<string>)(() => throw new InvalidOperationException("The tool failed.")), "explode", "Always fails."),
                new RunCompletionOptions { PollOptions = new RunWaitOptions { PollInterval = TimeSpan.FromMilliseconds(10), TimeProvider = new TestClock() } }));
    }

    [TestCaseSource(nameof(Scenarios))]
    [Property("ReliabilityRow", "34")]
    public async Task EveryExceptionType_KeepsTheKeyOutOfTheExceptionAndTheLogs(Scenario scenario)
    {
        (Exception? thrown, IReadOnlyList<FakeLogRecord> records) = await ProvokeAsync(scenario);

        Assert.That(thrown, Is.InstanceOf(scenario.Expected!));
        AssertNoKey(thrown!);
        foreach (FakeLogRecord record in records)
        {
            Assert.That(Render(record), Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"log record {record.Category}/{record.Id} leaks the key");
        }

        if (_stub.LogEntries.Count > 0)
        {
            Assert.That(records, Is.Not.Empty, "a request went out, so the Trace-level logger saw it (the check above means something)");
            Assert.That(_stub.LogEntries.Select(e => HeaderOf(e, "Authorization")), Is.All.EqualTo("Bearer " + ApiKey), "the key was in play");
        }
    }

    [Test]
    [Property("ReliabilityRow", "34")]
    public async Task EveryLogEventOfTheLibrary_IsWrittenInTheSweepWithoutTheKey()
    {
        var declared = typeof(OpenAIAssistantsClientOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => m.GetCustomAttribute<LoggerMessageAttribute>())
            .OfType<LoggerMessageAttribute>()
            .Select(a => a.EventName ?? a.EventId.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToHashSet();
        Assert.That(declared, Is.Not.Empty, "the library declares its log events with [LoggerMessage]");
        var seen = new HashSet<string>();

        foreach (Scenario scenario in AllScenarios())
        {
            _stub.Server.Reset();
            (_, IReadOnlyList<FakeLogRecord> records) = await ProvokeAsync(scenario);
            foreach (FakeLogRecord record in records)
            {
                Assert.That(Render(record), Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"{scenario.Name}: log record {record.Category}/{record.Id} leaks the key");
                seen.Add(record.Id.Name ?? record.Id.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Assert.That(declared.Except(seen), Is.Empty, "every declared log event was written (and checked) at least once");
    }

    private async Task<(Exception? Thrown, IReadOnlyList<FakeLogRecord> Records)> ProvokeAsync(Scenario scenario)
    {
        scenario.Arrange?.Invoke(this);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(new TestClock());
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddFakeLogging());
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = ApiKey;
            o.BaseAddress = scenario.BaseAddress?.Invoke(this) ?? new Uri(_stub.Server.Url + "/v1/");
            o.EnableContentLogging = true;
            scenario.Configure?.Invoke(o);
        });
        if (scenario.Primary is { } primary)
        {
            services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(primary);
        }

        await using ServiceProvider provider = services.BuildServiceProvider();
        Exception? thrown = null;
        try
        {
            await scenario.Call(provider).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (Exception ex) // the sweep inspects whatever was thrown
        {
            thrown = ex;
        }

        if (scenario.Expected is null)
        {
            Assert.That(thrown, Is.Null, $"{scenario.Name}: the call was expected to succeed");
        }
        else
        {
            Assert.That(thrown, Is.Not.Null, $"{scenario.Name}: the call was expected to fail");
            AssertNoKey(thrown!);
        }

        return (thrown, provider.GetFakeLogCollector().GetSnapshot());
    }

    private void GivenStream(string body) =>
        _stub.Server.Given(Request.Create().UsingPost().WithPath(StreamPath))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(body));

    private static async Task DrainAsync(IServiceProvider services, RunStreamOptions? options = null)
    {
        await foreach (RunStreamEvent _ in services.GetRequiredService<IRunsApi>().CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
        {
        }
    }

    private static HttpResponseMessage CutStream()
    {
        var body = new ControlledSseStream();
        body.Write(Sse(("thread.run.created", Run("queued"))));
        body.Fail(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        return StubPrimaryHandler.EventStream(body);
    }

    /// <summary>Asserts the key is nowhere in the exception: message, text, data, public properties, inner exceptions.</summary>
    private static void AssertNoKey(Exception root)
    {
        Assert.That(root.ToString(), Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"));
        var pending = new Stack<Exception>();
        pending.Push(root);
        while (pending.TryPop(out Exception? ex))
        {
            string where = ex.GetType().Name;
            Assert.That(ex.Message, Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"{where}.Message");
            foreach (DictionaryEntry entry in ex.Data)
            {
                Assert.That($"{entry.Key}={entry.Value}", Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"{where}.Data");
            }

            foreach (PropertyInfo property in ex.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length == 0 && property.Name is not (nameof(Exception.TargetSite) or nameof(Exception.StackTrace)))
                {
                    Assert.That(property.GetValue(ex)?.ToString() ?? string.Empty, Does.Not.Contain(ApiKey).And.Not.Contain("SECRET"), $"{where}.{property.Name}");
                }
            }

            if (ex is AggregateException aggregate)
            {
                aggregate.InnerExceptions.ToList().ForEach(pending.Push);
            }
            else if (ex.InnerException is { } inner)
            {
                pending.Push(inner);
            }
        }
    }

    private static string Render(FakeLogRecord record)
    {
        var text = new StringBuilder(record.Category).Append('|').Append(record.Message);
        foreach (KeyValuePair<string, string?> pair in record.StructuredState ?? [])
        {
            text.Append('|').Append(pair.Key).Append('=').Append(pair.Value);
        }

        foreach (object? scope in record.Scopes)
        {
            text.Append('|').Append(scope);
        }

        return text.Append('|').Append(record.Exception).ToString();
    }

    /// <summary>One way to make the library throw (or, with no <see cref="Expected"/> type, to make it log): what the server answers,
    /// how the client is set up, and the call.</summary>
    public sealed record Scenario(
        string Name,
        Type? Expected,
        Func<IServiceProvider, Task> Call,
        Action<SecretHygieneTests>? Arrange = null,
        Action<OpenAIAssistantsClientOptions>? Configure = null,
        Func<HttpMessageHandler>? Primary = null,
        Func<SecretHygieneTests, Uri>? BaseAddress = null)
    {
        public override string ToString() => Name;
    }

    /// <summary>A primary handler that never answers (until the attempt is cancelled).</summary>
    private sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
