using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Runs;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Telemetry;

/// <summary>Bodies are logged (events 5 and 6) only with <see cref="OpenAIAssistantsClientOptions.EnableContentLogging"/>, cut to
/// <see cref="OpenAIAssistantsClientOptions.MaxLoggedContentLength"/>; the call still reads the whole body.</summary>
public sealed class ContentLoggingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions, fakeLogging: true);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const int Limit = 300;
    private const string RunsPath = "/v1/threads/" + RunsJson.ThreadId + "/runs";

    private void ConfigureOptions(OpenAIAssistantsClientOptions options)
    {
        options.EnableContentLogging = true;
        options.MaxLoggedContentLength = Limit;
    }

    [Test]
    public async Task CreateRun_ContentLoggingOn_LogsBothBodiesAndStillReturnsTheRun()
    {
        string responseJson = RunsJson.Run("queued");
        Assert.That(responseJson, Has.Length.GreaterThan(Limit), "the response is longer than the limit (so the cut is tested)");
        _stub.Given("POST", RunsPath, responseJson);

        ThreadRun run = await _stub.Runs.CreateRunAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc") { Instructions = "Speak like a pirate." });

        Assert.That(run.Id, Is.EqualTo(RunsJson.RunId));
        Assert.That(run.Instructions, Is.EqualTo("You are a weather bot."), "the body was read whole after being logged");
        FakeLogRecord request = _stub.Events(5).Single();
        FakeLogRecord response = _stub.Events(6).Single();
        JsonElement logged = JsonDocument.Parse(StateOf(request, "Content")!).RootElement;
        Assert.Multiple(() =>
        {
            Assert.That(request.Id.Name, Is.EqualTo("RequestContent"));
            Assert.That(request.Level, Is.EqualTo(LogLevel.Debug));
            Assert.That(StateOf(request, "Method"), Is.EqualTo("POST"));
            Assert.That(StateOf(request, "Route"), Is.EqualTo("/threads/{threadId}/runs"));
            Assert.That(logged.GetProperty("assistant_id").GetString(), Is.EqualTo("asst_abc"));
            Assert.That(logged.GetProperty("instructions").GetString(), Is.EqualTo("Speak like a pirate."));

            Assert.That(response.Id.Name, Is.EqualTo("ResponseContent"));
            Assert.That(StateOf(response, "StatusCode"), Is.EqualTo("200"));
            Assert.That(StateOf(response, "Content"), Does.StartWith(responseJson[..Limit]));
            Assert.That(StateOf(response, "Content"), Does.EndWith($"…[{responseJson.Length - Limit} more characters]"));
        });
        _stub.AssertNoRecordHoldsTheKey();
    }

    [Test]
    public void GetRun_ErrorResponse_LogsTheErrorBody()
    {
        _stub.Given("GET", RunsJson.RunPath, """{"error":{"message":"No run found with id 'run_abc'.","type":"invalid_request_error","param":null,"code":null}}""", 404);

        Assert.ThrowsAsync<OpenAINotFoundException>(() => _stub.Runs.GetRunAsync(RunsJson.ThreadId, RunsJson.RunId));

        FakeLogRecord response = _stub.Events(6).Single();
        Assert.That(StateOf(response, "StatusCode"), Is.EqualTo("404"));
        Assert.That(JsonDocument.Parse(StateOf(response, "Content")!).RootElement.GetProperty("error").GetProperty("message").GetString(),
            Is.EqualTo("No run found with id 'run_abc'."));
        Assert.That(_stub.Events(5), Is.Empty, "a GET has no request body");
        _stub.AssertNoRecordHoldsTheKey();
    }
}
