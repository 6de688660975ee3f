using NUnit.Framework;
using OpenAiApi.Refit.Demo;
using OpenAiApi.Refit.Emulator.Tests.ChatModel;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace OpenAiApi.Refit.Emulator.Tests.Demo;

/// <summary>README command #1: the demo's whole flow, against its built-in emulator and against a server without the API.</summary>
public sealed class DemoTests
{
    [Test]
    public async Task MainAsync_WithoutBaseUrl_RunsTheWholeConversationOnTheEmulatorAndExitsZero()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await DemoApp.MainAsync(new DemoSettings { EmulatorTiming = EmulatorRunTiming.Instant }, output, error, CancellationToken.None);

        string text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error.ToString());
            Assert.That(error.ToString(), Is.Empty);
            Assert.That(text, Does.Contain("using the built-in Assistants emulator at http://127.0.0.1:"));
            Assert.That(text, Does.Contain("tool> the run asks for get_weather({\"city\":\"Paris\"})"));
            Assert.That(text, Does.Contain("assistant> The tool get_weather returned: {\"city\":\"Paris\",\"forecast\":\"sunny\",\"temperature_c\":21}"));
            Assert.That(text, Does.Match(@"Run run_\w+ ended completed\."));
            Assert.That(text, Does.Match(@"Token usage: \d+ prompt \+ \d+ completion = \d+ total\."));
            Assert.That(text, Does.Match(@"step_\w+  tool_calls  completed  get_weather"));
            Assert.That(text, Does.Match(@"step_\w+  message_creation  completed  wrote message msg_\w+"));
            Assert.That(text, Does.Contain("  user: What is the weather like?"));
            Assert.That(text, Does.Contain("Deleted the thread and the assistant."));
        });
    }

    [Test]
    public async Task MainAsync_WithModelEndpoint_TheEmulatorsRunsAreAnsweredByThatChatModel()
    {
        using var chat = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        ChatCompletionsStub.AnswerToolOutputs(chat, ["It is sunny", " and 21C", " in Paris."], promptTokens: 60);
        ChatCompletionsStub.CallFunction(chat, "get_weather", "call_demo1", """{"city":"Paris"}""", promptTokens: 50);
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await DemoApp.MainAsync(
            new DemoSettings { EmulatorTiming = EmulatorRunTiming.Instant, ModelEndpoint = chat.Url + "/v1", Model = "llama3.2" }, output, error, CancellationToken.None);

        string text = output.ToString();
        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(0), error.ToString());
            Assert.That(text, Does.Contain($"its runs are answered by the chat model at {chat.Url}/v1"));
            Assert.That(text, Does.Contain("tool> the run asks for get_weather({\"city\":\"Paris\"})"));
            Assert.That(text, Does.Contain("assistant> It is sunny and 21C in Paris."));
            Assert.That(text, Does.Match(@"Run run_\w+ ended completed\."));
            Assert.That(text, Does.Contain("Token usage: 110 prompt + 12 completion = 122 total."));
            Assert.That(chat.LogEntries.Select(e => e.RequestMessage.Body), Has.All.Contain("\"model\":\"llama3.2\""));
        });
    }

    [Test]
    public async Task MainAsync_AgainstAServerWithoutTheAssistantsApi_ExplainsAndExitsNonZeroWithoutAStackTrace()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().WithPath("/v1/*")).RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":{"message":"Invalid URL (POST /v1/assistants)","type":"invalid_request_error","param":null,"code":null}}"""));
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await DemoApp.MainAsync(new DemoSettings { BaseUrl = server.Url + "/v1", ApiKey = "sk-test" }, output, error, CancellationToken.None);

        Assert.Multiple(() =>
        {
            Assert.That(exitCode, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("has no Assistants API").And.Contain("retired"));
            Assert.That(error.ToString() + output.ToString(), Does.Not.Contain("   at "));
            Assert.That(server.LogEntries, Has.Count.EqualTo(1), "the first call fails and nothing is retried");
        });
    }

    [Test]
    public async Task MainAsync_BaseUrlWithoutKey_ExitsOneWithAnExplanation()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        int exitCode = await DemoApp.MainAsync(new DemoSettings { BaseUrl = "https://assistants.example.com/v1" }, output, error, CancellationToken.None);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(error.ToString(), Does.Contain("OPENAI_API_KEY"));
    }
}
