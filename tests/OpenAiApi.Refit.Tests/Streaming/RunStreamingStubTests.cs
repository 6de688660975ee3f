using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>
/// The streaming helpers through the real client pipeline, with a stub primary handler whose response body the test writes while the
/// client reads it: what WireMock cannot do (hold a body open on cue, cut it mid-stream, observe its disposal).
/// </summary>
public sealed class RunStreamingStubTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    /// <summary>Long enough never to fire by accident on a slow machine; only awaited when a test is failing.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly StubPrimaryHandler _handler = new();

    private void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _handler);

    [SetUp]
    public void ResetStub()
    {
        _handler.Respond = null;
        _handler.Requests.Clear();
    }

    private ControlledSseStream GivenControlledStream()
    {
        var body = new ControlledSseStream();
        _handler.Respond = _ => StubPrimaryHandler.EventStream(body);
        return body;
    }

    [Test]
    public async Task CreateRunStreamingAsync_FirstEvent_ReachesTheCallerWhileTheServerStillHoldsTheStream()
    {
        ControlledSseStream body = GivenControlledStream();
        await using IAsyncEnumerator<RunStreamEvent> events =
            _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")).GetAsyncEnumerator();

        body.Write(Sse(("thread.run.created", Run("queued"))));
        bool first = await events.MoveNextAsync().AsTask().WaitAsync(Guard);

        Assert.That(first, Is.True);
        Assert.That(events.Current, Is.TypeOf<RunStatusStreamEvent>());
        Assert.That(((RunStatusStreamEvent)events.Current).Run.Id, Is.EqualTo("run_s1"));
        Assert.That(body.Disposed.IsCompleted, Is.False, "the body is still open: the event was read incrementally, not after the end");

        ValueTask<bool> second = events.MoveNextAsync();
        Assert.That(second.IsCompleted, Is.False, "the next event has not been sent yet");
        body.Write(Sse(("thread.run.completed", RunCompleted), Done));
        body.Complete();

        Assert.That(await second.AsTask().WaitAsync(Guard), Is.True);
        Assert.That(events.Current.Kind, Is.EqualTo(RunStreamEventKind.RunCompleted));
        Assert.That(await events.MoveNextAsync(), Is.True);
        Assert.That(events.Current, Is.TypeOf<DoneStreamEvent>());
        Assert.That(await events.MoveNextAsync(), Is.False);
        await body.Disposed.WaitAsync(Guard);

        (HttpRequestMessage request, string? requestBody) = _handler.Requests.Single();
        Assert.Multiple(() =>
        {
            Assert.That(request.Method, Is.EqualTo(HttpMethod.Post));
            Assert.That(request.RequestUri!.AbsolutePath, Is.EqualTo("/v1/threads/thread_s1/runs"));
            Assert.That(request.Headers.Authorization!.ToString(), Is.EqualTo("Bearer " + ApiKey));
            Assert.That(request.Headers.Accept.Select(a => a.MediaType), Does.Contain("text/event-stream"));
            Assert.That(JsonDocument.Parse(requestBody!).RootElement.GetProperty("stream").GetBoolean(), Is.True);
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_CallerBreaksEarly_DisposesTheResponseBody()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued")), ("thread.run.in_progress", Run("in_progress"))));
        var seen = new List<RunStreamEventKind>();

        await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
        {
            seen.Add(e.Kind);
            break;
        }

        Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated }));
        Assert.That(body.Disposed.Wait(Guard), Is.True, "breaking out of the loop closes the stream");
    }

    [Test]
    public async Task CreateRunStreamingAsync_CallerThrowsInsideTheLoop_DisposesTheResponseBody()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued"))));

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
                throw new InvalidOperationException("caller's own failure");
            }
        });

        Assert.That(ex!.Message, Is.EqualTo("caller's own failure"));
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    [Property("ReliabilityRow", "26")]
    public async Task CreateRunStreamingAsync_ConnectionCutMidStream_ThrowsStreamExceptionWithInnerAndRunIdAndDoesNotResend()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued")), ("thread.run.in_progress", Run("in_progress"))) + "event: thread.message.delta\ndata: {\"id\":");
        body.Fail(new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
        var seen = new List<RunStreamEventKind>();

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
                seen.Add(e.Kind);
            }
        });

        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunInProgress }));
            Assert.That(ex!.InnerException, Is.TypeOf<HttpIOException>());
            Assert.That(((HttpIOException)ex.InnerException!).HttpRequestError, Is.EqualTo(HttpRequestError.ResponseEnded));
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(ex.RequestId, Is.EqualTo("req_stub1"));
            Assert.That(ex.EventName, Is.EqualTo("thread.run.in_progress"), "the last event read");
            Assert.That(_handler.Requests, Has.Count.EqualTo(1), "nothing is retried after the first byte");
        });
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    [Property("ReliabilityRow", "26")]
    public async Task SubmitToolOutputsToRunStreamingAsync_ConnectionCutBeforeAnyRunEvent_StillCarriesTheKnownIds()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Fail(new HttpIOException(HttpRequestError.ResponseEnded));

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.SubmitToolOutputsToRunStreamingAsync("thread_s1", "run_s1", new ToolOutputsSubmissionOptions([new ToolOutput("call_w1", "18C")])))
            {
            }
        });

        Assert.That(ex!.RunId, Is.EqualTo("run_s1"));
        Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
        Assert.That(_handler.Requests.Single().Request.RequestUri!.AbsolutePath, Is.EqualTo("/v1/threads/thread_s1/runs/run_s1/submit_tool_outputs"));
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    public async Task CreateRunStreamingAsync_CallerCancelsWhileWaiting_ThrowsOperationCanceledAndDisposes()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued"))));
        using var cts = new CancellationTokenSource();

        Exception? caught = null;
        try
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), cancellationToken: cts.Token))
            {
                cts.Cancel(); // the next read is waiting for an event that never comes
            }
        }
        catch (Exception ex)
        {
            caught = ex;
        }

        Assert.That(caught, Is.InstanceOf<OperationCanceledException>());
        Assert.That(caught, Is.Not.InstanceOf<OpenAIException>());
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    [Property("ReliabilityRow", "27")]
    public async Task CreateRunStreamingAsync_SilenceLongerThanTheIdleTimeout_ThrowsTimeoutAndDisposes()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued"))));
        var options = new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(100) };

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
            {
            }
        });

        Assert.That(ex!.InnerException, Is.TypeOf<OpenAIStreamException>());
        Assert.That(((OpenAIStreamException)ex.InnerException!).RunId, Is.EqualTo("run_s1"));
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    public async Task CreateRunStreamingAsync_SilenceAfterATerminalRunEvent_EndsNormally()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued")), ("thread.run.completed", RunCompleted))); // no done, connection held open
        var options = new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(100) };
        var seen = new List<RunStreamEventKind>();

        await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
        {
            seen.Add(e.Kind);
        }

        Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunCompleted }));
        await body.Disposed.WaitAsync(Guard);
    }

    [Test]
    [Property("ReliabilityRow", "27")]
    public async Task CreateRunStreamingAsync_SlowConsumer_DoesNotCountAgainstTheIdleTimeout()
    {
        ControlledSseStream body = GivenControlledStream();
        body.Write(Sse(("thread.run.created", Run("queued")))); // one read per event: each later event needs a read after the caller's delay
        body.Write(Sse(("thread.run.completed", RunCompleted)));
        body.Write(Sse(Done));
        body.Complete();
        var options = new RunStreamOptions { IdleTimeout = TimeSpan.FromMilliseconds(50) };
        var seen = new List<RunStreamEventKind>();

        await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1"), streamOptions: options))
        {
            seen.Add(e.Kind);
            await Task.Delay(150); // the caller's own work between events
        }

        Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
    }

    [Test]
    public async Task CreateRunStreamingAsync_MockedInterfaceWithoutThePipeline_TranslatesANon2xxItself()
    {
        var response = new HttpResponseMessage(HttpStatusCode.InternalServerError)
        {
            Content = new StringContent("""{"error":{"message":"boom","type":"server_error","code":null,"param":null}}"""),
            RequestMessage = new HttpRequestMessage(HttpMethod.Post, "https://gateway.example/v1/threads/thread_s1/runs"),
        };
        IRunsApi runs = FakeRunsApi.Returning(response);

        var ex = Assert.ThrowsAsync<OpenAIInternalServerException>(async () =>
        {
            await foreach (RunStreamEvent _ in runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.ErrorMessage, Is.EqualTo("boom"));
        Assert.That(ex.ErrorType, Is.EqualTo("server_error"));
        Assert.That(ex.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(FakeRunsApi.LastBody!.Stream, Is.True);
    }

    [Test]
    public async Task CreateRunStreamingAsync_MockedInterfaceStream_IsReadWithoutThePipeline()
    {
        var body = new ControlledSseStream();
        body.Write(Sse(("thread.run.created", Run("queued")), ("thread.run.completed", RunCompleted), Done));
        body.Complete();
        IRunsApi runs = FakeRunsApi.Returning(StubPrimaryHandler.EventStream(body));
        var seen = new List<RunStreamEventKind>();

        await foreach (RunStreamEvent e in runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
        {
            seen.Add(e.Kind);
        }

        Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated, RunStreamEventKind.RunCompleted, RunStreamEventKind.Done }));
        await body.Disposed.WaitAsync(Guard);
    }

    /// <summary>A user's mock of <see cref="IRunsApi"/>: only the raw create-run stream method answers.</summary>
    public class FakeRunsApi : DispatchProxy
    {
        private static HttpResponseMessage? s_response;

        public static RunCreationOptions? LastBody { get; private set; }

        public static IRunsApi Returning(HttpResponseMessage response)
        {
            s_response = response;
            LastBody = null;
            return Create<IRunsApi, FakeRunsApi>();
        }

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
        {
            if (targetMethod?.Name != nameof(IRunsApi.CreateRunStreamResponseAsync))
            {
                throw new NotSupportedException(targetMethod?.Name);
            }

            LastBody = (RunCreationOptions)args![1]!;
            return Task.FromResult(s_response!);
        }
    }
}
