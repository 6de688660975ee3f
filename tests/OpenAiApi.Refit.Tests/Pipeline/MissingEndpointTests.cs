using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Telling "the API is gone" from "the object is not there" on a 404.</summary>
public sealed class MissingEndpointTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public void CreateThreadAndRun_404NoAssistantFound_IsANotFoundNotARetiredApi()
    {
        _stub.Given("POST", "/v1/threads/runs", """{"error":{"message":"No assistant found with id 'asst_x'.","type":"invalid_request_error","code":null,"param":null}}""", 404);

        var ex = Assert.ThrowsAsync<OpenAINotFoundException>(async () => await _stub.Threads.CreateThreadAndRunAsync(new ThreadAndRunCreationOptions("asst_x")));

        Assert.That(ex!.ErrorMessage, Is.EqualTo("No assistant found with id 'asst_x'."));
        Assert.That(ex, Is.Not.InstanceOf<AssistantsApiUnavailableException>());
    }

    [Test]
    public void GetRun_404InvalidUrl_IsARetiredApiEvenOnARouteWithIds()
    {
        _stub.Given("GET", "/v1/threads/thread_1/runs/run_1", """{"error":{"message":"Invalid URL (GET /v1/threads/thread_1/runs/run_1)","type":"invalid_request_error","code":null,"param":null}}""", 404);

        var ex = Assert.ThrowsAsync<AssistantsApiUnavailableException>(async () => await _stub.Runs.GetRunAsync("thread_1", "run_1"));

        Assert.That(ex!.Message, Does.Contain(_stub.Server.Url!).And.Contain("retired"));
    }

    [Test]
    public void GetRun_404NoRunFound_IsANotFound()
    {
        _stub.Given("GET", "/v1/threads/thread_1/runs/run_1", """{"error":{"message":"No run found with id 'run_1'.","type":"invalid_request_error","code":null,"param":null}}""", 404);

        Assert.ThrowsAsync<OpenAINotFoundException>(async () => await _stub.Runs.GetRunAsync("thread_1", "run_1"));
    }
}
