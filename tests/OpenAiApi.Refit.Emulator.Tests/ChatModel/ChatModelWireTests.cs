using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using WireMock.Logging;
using WireMock.Server;
using WireMock.Settings;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests.ChatModel;

/// <summary>
/// The real wire path: the emulator's backend (<see cref="EmulatorChatModelOptions.Endpoint"/>, Microsoft.Extensions.AI.OpenAI)
/// talks to a WireMock server that answers as an OpenAI-compatible <c>/v1/chat/completions</c> endpoint with streamed chunks,
/// and our client talks to the emulator: polled, streamed, and a function tool round trip.
/// </summary>
public sealed class ChatModelWireTests
{
    private const string KeyVariable = "OPENAIAPIREFIT_TESTS_CHAT_MODEL_KEY";
    private const string ModelKey = "chat-model-test-key";
    private static readonly string[] Words = ["Bonjour", " from", " the", " chat", " model."];

    // Started with the fixture, before the one-time setup starts the emulator with its address.
    private readonly WireMockServer _chat = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });

    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(configureEmulator: ConfigureEmulator);

    [SetUp]
    public void ResetEmulator()
    {
        _harness.Reset();
        _chat.ResetLogEntries();
    }

    [OneTimeTearDown]
    public async Task StopEmulator()
    {
        _chat.Stop();
        _chat.Dispose();
        Environment.SetEnvironmentVariable(KeyVariable, null);
        await _harness.DisposeAsync();
    }

    [Test]
    public async Task PolledRun_IsAnsweredByTheChatEndpoint()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("Say hello in French");

        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id) { Temperature = 0.2 });
        ThreadRun completed = await _harness.Runs.WaitForRunAsync(thread.Id, run.Id);
        ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        ILogEntry request = _chat.LogEntries.Single();
        using JsonDocument body = JsonDocument.Parse(request.RequestMessage.Body!);
        JsonElement messages = body.RootElement.GetProperty("messages");
        Assert.Multiple(() =>
        {
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(reply.Text, Is.EqualTo(string.Concat(Words)));
            Assert.That(completed.Usage?.PromptTokens, Is.EqualTo(17));
            Assert.That(completed.Usage?.CompletionTokens, Is.EqualTo(5));
            Assert.That(request.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(request.RequestMessage.Path, Is.EqualTo("/v1/chat/completions"));
            Assert.That(request.RequestMessage.Headers!["Authorization"].Single(), Is.EqualTo("Bearer " + ModelKey));
            Assert.That(body.RootElement.GetProperty("model").GetString(), Is.EqualTo("gpt-4o-mini"));
            Assert.That(body.RootElement.GetProperty("stream").GetBoolean(), Is.True);
            Assert.That(body.RootElement.GetProperty("temperature").GetDouble(), Is.EqualTo(0.2).Within(1e-6));
            Assert.That(messages.GetArrayLength(), Is.EqualTo(2));
            Assert.That(messages[0].GetProperty("role").GetString(), Is.EqualTo("system"));
            Assert.That(ContentText(messages[0]), Is.EqualTo("Be brief."));
            Assert.That(messages[1].GetProperty("role").GetString(), Is.EqualTo("user"));
            Assert.That(ContentText(messages[1]), Is.EqualTo("Say hello in French"));
        });
    }

    [Test]
    public async Task StreamedRun_ArrivesThroughCreateRunStreamingAsync_WordByWord()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("Say hello in French");
        var deltas = new List<string>();
        var names = new List<string>();

        await foreach (RunStreamEvent streamEvent in _harness.Runs.CreateRunStreamingAsync(thread.Id, new RunCreationOptions(assistant.Id)))
        {
            names.Add(streamEvent.EventName);
            if (streamEvent is MessageDeltaStreamEvent delta)
            {
                deltas.Add(delta.Text);
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(deltas, Is.EqualTo(Words));
            Assert.That(names[0], Is.EqualTo("thread.run.created"));
            Assert.That(names[^2], Is.EqualTo("thread.run.completed"));
            Assert.That(names[^1], Is.EqualTo("done"));
            Assert.That(_chat.LogEntries, Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task FunctionTool_RoundTripsThroughRunToCompletionAsync()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("What is the weather in Paris?");
        var calls = new List<string>();
        FunctionToolSet tools = new FunctionToolSet().Add((string city) =>
        {
            calls.Add(city);
            return $"18C and sunny in {city}";
        }, "get_weather");

        RunCompletionResult result = await _harness.Runs.RunToCompletionAsync(_harness.Messages, thread.Id, new RunCreationOptions(assistant.Id), tools);

        RunStep[] steps = [.. (await _harness.Runs.ListRunStepsAsync(thread.Id, result.Run.Id, new RunStepCollectionOptions { Order = ListOrder.Ascending })).Data];
        var toolStep = (FunctionToolCall)((ToolCallsStepDetails)steps[0].StepDetails!).ToolCalls.Single();
        ILogEntry[] requests = [.. _chat.LogEntries];
        using JsonDocument first = JsonDocument.Parse(requests[0].RequestMessage.Body!);
        using JsonDocument second = JsonDocument.Parse(requests[1].RequestMessage.Body!);
        JsonElement tool = first.RootElement.GetProperty("tools")[0];
        JsonElement[] followUp = [.. second.RootElement.GetProperty("messages").EnumerateArray()];
        Assert.Multiple(() =>
        {
            Assert.That(result.Run.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(result.Rounds, Is.EqualTo(1));
            Assert.That(calls, Is.EqualTo(new[] { "Paris" }));
            Assert.That(result.Messages.Select(m => m.Text), Is.EqualTo(new[] { "It is 18C and sunny in Paris." }));
            Assert.That(requests, Has.Length.EqualTo(2));
            Assert.That(tool.GetProperty("type").GetString(), Is.EqualTo("function"));
            Assert.That(tool.GetProperty("function").GetProperty("name").GetString(), Is.EqualTo("get_weather"));
            Assert.That(tool.GetProperty("function").GetProperty("parameters").GetProperty("properties").GetProperty("city").GetProperty("type").GetString(), Is.EqualTo("string"));
            Assert.That(followUp.Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "system", "user", "assistant", "tool" }));
            Assert.That(followUp[2].GetProperty("tool_calls")[0].GetProperty("id").GetString(), Is.EqualTo("call_w1"));
            Assert.That(toolStep.Function?.Arguments, Is.EqualTo("""{"city":"Paris"}"""), "the model's arguments, as streamed in pieces");
            Assert.That(toolStep.Function?.Output, Does.Contain("18C and sunny in Paris"));
            Assert.That(
                JsonDocument.Parse(followUp[2].GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString()!).RootElement.GetProperty("city").GetString(),
                Is.EqualTo("Paris"));
            Assert.That(followUp[3].GetProperty("tool_call_id").GetString(), Is.EqualTo("call_w1"));
            Assert.That(ContentText(followUp[3]), Does.Contain("18C and sunny in Paris"));
        });
    }

    private void ConfigureEmulator(AssistantsEmulatorOptions options)
    {
        Environment.SetEnvironmentVariable(KeyVariable, ModelKey);

        ChatCompletionsStub.AnswerToolOutputs(_chat, ["It is 18C and sunny", " in Paris."], promptTokens: 40);
        ChatCompletionsStub.CallFunction(_chat, "get_weather", "call_w1", """{"city":"Paris"}""", promptTokens: 30);
        ChatCompletionsStub.AnswerText(_chat, Words, promptTokens: 17);

        options.ChatModel.Endpoint = new Uri(_chat.Url! + "/v1");
        options.ChatModel.KeyEnvironmentVariable = KeyVariable;
    }

    private static string ContentText(JsonElement message)
    {
        JsonElement content = message.GetProperty("content");
        return content.ValueKind == JsonValueKind.String
            ? content.GetString()!
            : string.Concat(content.EnumerateArray().Select(p => p.GetProperty("text").GetString()));
    }
}
