using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using OpenAiApi.Refit.Tests.Streaming;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary>
/// Row 22, the part Streaming/RunStreamEndTests cannot see through WireMock: after an <c>error</c> event the response is disposed
/// while the server still holds the stream open. The other stream rows (23–29) are Streaming/RunStreamEndTests, RunStreamHttpErrorTests and
/// RunStreamingStubTests (docs/reliability.md).
/// </summary>
public sealed class StreamErrorEventTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(services: ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private readonly StubPrimaryHandler _handler = new();

    [SetUp]
    public void ResetStub()
    {
        _handler.Respond = null;
        _handler.Requests.Clear();
    }

    [TestCase("""{"message":"boom","type":"server_error","code":null}""", null, TestName = "BareErrorEvent_ThrowsStreamExceptionAndDisposesTheOpenResponse")]
    [TestCase("""{"error":{"message":"boom","type":"server_error","code":"overloaded","param":null}}""", "overloaded", TestName = "WrappedErrorEvent_ThrowsStreamExceptionAndDisposesTheOpenResponse")]
    [Property("ReliabilityRow", "22")]
    public async Task ErrorEvent_ThrowsStreamExceptionAndDisposesTheOpenResponse(string errorData, string? code)
    {
        var body = new ControlledSseStream();
        _handler.Respond = _ => StubPrimaryHandler.EventStream(body);
        body.Write(Sse(("thread.run.created", Run("queued")), ("error", errorData))); // and the server keeps the connection open
        var seen = new List<RunStreamEventKind>();

        var ex = Assert.ThrowsAsync<OpenAIStreamException>(async () =>
        {
            await foreach (RunStreamEvent e in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
                seen.Add(e.Kind);
            }
        });

        Assert.That(await Task.WhenAny(body.Disposed, Task.Delay(Guard)), Is.SameAs(body.Disposed), "the response body was disposed");
        Assert.Multiple(() =>
        {
            Assert.That(seen, Is.EqualTo(new[] { RunStreamEventKind.RunCreated }));
            Assert.That(ex!.EventName, Is.EqualTo("error"));
            Assert.That(ex.ErrorType, Is.EqualTo("server_error"));
            Assert.That(ex.ErrorCode, Is.EqualTo(code));
            Assert.That(ex.ErrorMessage, Is.EqualTo("boom"));
            Assert.That(ex.RunId, Is.EqualTo("run_s1"));
            Assert.That(ex.ThreadId, Is.EqualTo("thread_s1"));
            Assert.That(ex.RequestId, Is.EqualTo("req_stub1"));
            Assert.That(_handler.Requests, Has.Count.EqualTo(1), "the POST is not re-sent");
        });
    }

    private void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _handler);
}
