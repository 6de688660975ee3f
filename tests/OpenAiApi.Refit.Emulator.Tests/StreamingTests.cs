using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// <c>stream: true</c> on create run, create thread and run, and submit tool outputs, read through the client's raw streaming
/// methods and <see cref="SseParser"/>, so that the exact wire sequence is asserted.
/// </summary>
[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class StreamingTests(EmulatorStoreKind store)
{
    private static readonly Dictionary<string, JsonElement> StreamTrue = new() { ["stream"] = JsonSerializer.SerializeToElement(true) };

    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateRun_Stream_SendsTheRealEventSequence()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("stream this reply");

        using HttpResponseMessage response = await _harness.Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> events = await ReadEventsAsync(response);

        string[] names = [.. events.Select(e => e.EventType)];
        Assert.That(names, Is.EqualTo(new[]
        {
            "thread.run.created", "thread.run.queued", "thread.run.in_progress",
            "thread.run.step.created", "thread.run.step.in_progress",
            "thread.message.created", "thread.message.in_progress",
            "thread.message.delta", "thread.message.delta", "thread.message.delta", "thread.message.delta",
            "thread.message.completed", "thread.run.step.completed", "thread.run.completed", "done",
        }));

        ThreadRun created = Data<ThreadRun>(events[0]);
        ThreadRun completed = Data<ThreadRun>(events[13]);
        RunStep step = Data<RunStep>(events[12]);
        ThreadMessage message = Data<ThreadMessage>(events[11]);
        string streamedText = string.Concat(events.Where(e => e.EventType == "thread.message.delta")
            .Select(e => ((TextMessageDeltaContent)Data<MessageDelta>(e).Delta!.Content!.Single()).Text!.Value));
        ThreadRun stored = await _harness.Runs.GetRunAsync(thread.Id, created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Headers.GetValues("x-request-id").Single(), Does.StartWith("req_"));
            Assert.That(created.Status, Is.EqualTo(RunStatus.Queued));
            Assert.That(Data<ThreadRun>(events[2]).Status, Is.EqualTo(RunStatus.InProgress));
            Assert.That(Data<ThreadMessage>(events[5]).Status, Is.EqualTo(MessageStatus.InProgress));
            Assert.That(Data<MessageDelta>(events[7]).Id, Is.EqualTo(message.Id));
            Assert.That(Data<MessageDelta>(events[7]).Object, Is.EqualTo("thread.message.delta"));
            Assert.That(streamedText, Is.EqualTo("Echo: stream this reply"));
            Assert.That(message.Text, Is.EqualTo("Echo: stream this reply"));
            Assert.That(message.Status, Is.EqualTo(MessageStatus.Completed));
            Assert.That(step.Status, Is.EqualTo(RunStepStatus.Completed));
            Assert.That(((MessageCreationStepDetails)step.StepDetails!).MessageCreation?.MessageId, Is.EqualTo(message.Id));
            Assert.That(completed.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(completed.Usage?.TotalTokens, Is.GreaterThan(0));
            Assert.That(events[^1].Data, Is.EqualTo("[DONE]"));
            Assert.That(stored.Status, Is.EqualTo(RunStatus.Completed), "the stream and the stored run agree");
        });
    }

    [Test]
    public async Task CreateThreadAndRun_Stream_StartsWithThreadCreated()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();

        using HttpResponseMessage response = await _harness.Threads.CreateThreadAndRunStreamResponseAsync(new ThreadAndRunCreationOptions(assistant.Id)
        {
            Thread = new ThreadCreationOptions { Messages = [MessageCreationOptions.User("hi")] },
            AdditionalProperties = StreamTrue,
        });
        List<SseItem<string>> events = await ReadEventsAsync(response);

        AssistantThread thread = Data<AssistantThread>(events[0]);
        ThreadRun run = Data<ThreadRun>(events[1]);
        Assert.Multiple(() =>
        {
            Assert.That(events.Select(e => e.EventType).Take(4), Is.EqualTo(new[] { "thread.created", "thread.run.created", "thread.run.queued", "thread.run.in_progress" }));
            Assert.That(thread.Id, Does.StartWith("thread_"));
            Assert.That(run.ThreadId, Is.EqualTo(thread.Id));
            Assert.That(events[^2].EventType, Is.EqualTo("thread.run.completed"));
            Assert.That(events[^1].EventType, Is.EqualTo("done"));
        });
    }

    [Test]
    public async Task ToolCallRoundTrip_Streamed_RequiresActionThenCompletesOnSubmit()
    {
        Assistant assistant = await _harness.CreateAssistantAsync("get_weather");
        AssistantThread thread = await _harness.CreateThreadAsync("get_weather city=Rome");

        using HttpResponseMessage first = await _harness.Runs.CreateRunStreamResponseAsync(thread.Id, new RunCreationOptions(assistant.Id) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> firstEvents = await ReadEventsAsync(first);
        ThreadRun waiting = Data<ThreadRun>(firstEvents[^2]);
        RunStepDelta[] callDeltas = [.. firstEvents.Where(e => e.EventType == "thread.run.step.delta").Select(Data<RunStepDelta>)];
        RunStep createdStep = Data<RunStep>(firstEvents.Single(e => e.EventType == "thread.run.step.created"));
        RunToolCall call = waiting.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();

        using HttpResponseMessage second = await _harness.Runs.SubmitToolOutputsToRunStreamResponseAsync(
            thread.Id, waiting.Id, new ToolOutputsSubmissionOptions([new ToolOutput(call.Id, "warm")]) { AdditionalProperties = StreamTrue });
        List<SseItem<string>> secondEvents = await ReadEventsAsync(second);
        RunStep toolStep = Data<RunStep>(secondEvents[0]);
        ThreadMessage reply = Data<ThreadMessage>(secondEvents.Single(e => e.EventType == "thread.message.completed"));

        Assert.Multiple(() =>
        {
            Assert.That(firstEvents.Select(e => e.EventType), Is.EqualTo(new[]
            {
                "thread.run.created", "thread.run.queued", "thread.run.in_progress",
                "thread.run.step.created", "thread.run.step.in_progress", "thread.run.step.delta", "thread.run.step.delta",
                "thread.run.requires_action", "done",
            }));
            Assert.That(waiting.Status, Is.EqualTo(RunStatus.RequiresAction));
            Assert.That(((ToolCallsStepDetails)createdStep.StepDetails!).ToolCalls, Is.Empty, "the step starts without calls; the deltas bring them");
            FunctionToolCallDelta head = (FunctionToolCallDelta)((ToolCallsStepDeltaDetails)callDeltas[0].Delta!.StepDetails!).ToolCalls.Single();
            FunctionToolCallDelta arguments = (FunctionToolCallDelta)((ToolCallsStepDeltaDetails)callDeltas[1].Delta!.StepDetails!).ToolCalls.Single();
            Assert.That(head.Index, Is.EqualTo(0));
            Assert.That(head.Id, Is.EqualTo(call.Id));
            Assert.That(head.Function?.Name, Is.EqualTo("get_weather"));
            Assert.That(head.Function?.Arguments, Is.Empty);
            Assert.That(arguments.Index, Is.EqualTo(0));
            Assert.That(arguments.Id, Is.Null);
            Assert.That(arguments.Function?.Arguments, Is.EqualTo("""{"city":"Rome"}"""));
            Assert.That(secondEvents.Select(e => e.EventType).Take(5), Is.EqualTo(new[]
            {
                "thread.run.step.completed", "thread.run.queued", "thread.run.in_progress", "thread.run.step.created", "thread.run.step.in_progress",
            }));
            Assert.That(toolStep.Type, Is.EqualTo(RunStepKind.ToolCalls));
            Assert.That(((FunctionToolCall)((ToolCallsStepDetails)toolStep.StepDetails!).ToolCalls.Single()).Function?.Output, Is.EqualTo("warm"));
            Assert.That(reply.Text, Is.EqualTo("The tool get_weather returned: warm"));
            Assert.That(secondEvents.Select(e => e.EventType).TakeLast(2), Is.EqualTo(new[] { "thread.run.completed", "done" }));
        });
    }

    [Test]
    public async Task CreateRun_StreamWithUnknownAssistant_AnswersJsonErrorNotAStream()
    {
        AssistantThread thread = await _harness.CreateThreadAsync("hi");

        RawResponse raw = await _harness.SendAsync(HttpMethod.Post, $"threads/{thread.Id}/runs", """{"assistant_id":"asst_none","stream":true}""");

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(raw.Header("Content-Type"), Does.StartWith("application/json"));
            Assert.That(raw.Error.GetProperty("message").GetString(), Is.EqualTo("No assistant found with id 'asst_none'."));
        });
    }

    [Test]
    public async Task CreateRunStreamingAsync_LibraryHelpers_ReadTheEmulatorsStream()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("typed events");
        var accumulator = new OpenAiApi.Refit.Streaming.RunStreamAccumulator();
        var names = new List<string>();

        await foreach (OpenAiApi.Refit.Streaming.RunStreamEvent streamEvent in _harness.Runs.CreateRunStreamingAsync(thread.Id, new RunCreationOptions(assistant.Id)))
        {
            names.Add(streamEvent.EventName);
            accumulator.Add(streamEvent);
        }

        Assert.Multiple(() =>
        {
            Assert.That(names[0], Is.EqualTo("thread.run.created"));
            Assert.That(names[^1], Is.EqualTo("done"));
            Assert.That(accumulator.Run?.Status, Is.EqualTo(RunStatus.Completed));
            Assert.That(accumulator.Messages.Single().Text, Is.EqualTo("Echo: typed events"));
        });
    }
}
