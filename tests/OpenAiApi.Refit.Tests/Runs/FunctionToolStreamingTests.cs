using System.Text;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using OpenAiApi.Refit.Testing;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Runs;

public sealed class FunctionToolStreamingTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string CreatePath = "/v1/threads/" + RunsJson.ThreadId + "/runs";
    private const string SubmitPath = RunsJson.RunPath + "/submit_tool_outputs";

    /// <summary>An SSE body: each event's JSON on <c>data:</c> lines (a multi-line JSON becomes several, as SSE allows), then <c>done</c>.</summary>
    private static string Sse(params (string Event, string Data)[] events)
    {
        var body = new StringBuilder();
        foreach ((string name, string data) in events)
        {
            body.Append("event: ").Append(name).Append('\n');
            foreach (string line in data.Split('\n'))
            {
                body.Append("data: ").Append(line.TrimEnd('\r')).Append('\n');
            }

            body.Append('\n');
        }

        return body.Append("event: done\ndata: [DONE]\n\n").ToString();
    }

    private void GivenStreams(string path, params string[] bodies)
    {
        string scenario = Guid.NewGuid().ToString("N");
        for (int i = 0; i < bodies.Length; i++)
        {
            var provider = _stub.Server.Given(Request.Create().UsingPost().WithPath(path)).InScenario(scenario);
            if (i > 0)
            {
                provider = provider.WhenStateIs("state" + i);
            }

            if (i < bodies.Length - 1 || bodies.Length == 1)
            {
                provider = provider.WillSetStateTo("state" + (i + 1));
            }

            provider.RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/event-stream").WithBody(bodies[i]));
        }
    }

    private static RunCompletionOptions Options() => new()
    {
        PollOptions = new RunWaitOptions { TimeProvider = TestClock.FiringUpTo(TimeSpan.FromSeconds(1)) },
    };

    private static async Task<List<RunStreamEvent>> ToListAsync(IAsyncEnumerable<RunStreamEvent> events)
    {
        var list = new List<RunStreamEvent>();
        await foreach (RunStreamEvent e in events)
        {
            list.Add(e);
        }

        return list;
    }

    private static Dictionary<string, string> OutputsOf(ILogEntry submit) =>
        BodyOf(submit).GetProperty("tool_outputs").EnumerateArray()
            .ToDictionary(o => o.GetProperty("tool_call_id").GetString()!, o => o.GetProperty("output").GetString()!);

    [Test]
    public async Task RunToCompletionStreaming_TwoRounds_YieldsEveryRoundsEventsAndSubmitsWithStreaming()
    {
        GivenStreams(CreatePath, Sse(
            ("thread.run.created", RunsJson.Run("queued")),
            ("thread.run.in_progress", RunsJson.Run("in_progress")),
            ("thread.run.requires_action", RunsJson.Run("requires_action", toolCalls: [("call_1", "get_weather", """{"city":"Paris"}"""), ("call_2", "add", """{"a":1,"b":2}""")]))));
        GivenStreams(
            SubmitPath,
            Sse(
                ("thread.run.queued", RunsJson.Run("queued")),
                ("thread.run.requires_action", RunsJson.Run("requires_action", toolCalls: ("call_3", "get_weather", """{"city":"Oslo"}""")))),
            Sse(
                ("thread.run.in_progress", RunsJson.Run("in_progress")),
                ("thread.message.completed", RunsJson.Message("msg_1", "Paris and Oslo.")),
                ("thread.run.completed", RunsJson.Run("completed"))));
        var tools = new FunctionToolSet()
            .Add((string city) => city + ": 22 C", "get_weather")
            .Add((int a, int b) => a + b, "add");

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.RunToCompletionStreamingAsync(
            RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, Options()));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[]
        {
            "thread.run.created", "thread.run.in_progress", "thread.run.requires_action",
            "thread.run.queued", "thread.run.requires_action",
            "thread.run.in_progress", "thread.message.completed", "thread.run.completed", "done",
        }));
        Assert.That(((RunStatusStreamEvent)events[^2]).Run.Status, Is.EqualTo(RunStatus.Completed));
        Assert.That(((MessageStreamEvent)events[6]).Message.Text, Is.EqualTo("Paris and Oslo."));

        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST " + CreatePath, "POST " + SubmitPath, "POST " + SubmitPath }));
        ILogEntry create = _stub.Requests("POST", CreatePath).Single();
        AssertRequest(create, "POST", CreatePath);
        Assert.That(BodyOf(create).GetProperty("stream").GetBoolean(), Is.True);
        List<ILogEntry> submits = _stub.Requests("POST", SubmitPath);
        AssertAllAuthenticated(submits);
        Assert.Multiple(() =>
        {
            Assert.That(submits.Select(s => BodyOf(s).GetProperty("stream").GetBoolean()), Is.All.True);
            Assert.That(submits.Select(s => HeaderOf(s, "Accept")), Is.All.Contain("text/event-stream"));
            Assert.That(OutputsOf(submits[0]), Is.EqualTo(new Dictionary<string, string> { ["call_1"] = "Paris: 22 C", ["call_2"] = "3" }));
            Assert.That(OutputsOf(submits[1]), Is.EqualTo(new Dictionary<string, string> { ["call_3"] = "Oslo: 22 C" }));
        });
    }

    [Test]
    public async Task RunToCompletionStreaming_RunNeedsNoTools_YieldsTheSingleStream()
    {
        GivenStreams(CreatePath, Sse(("thread.run.created", RunsJson.Run("queued")), ("thread.run.completed", RunsJson.Run("completed"))));

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.RunToCompletionStreamingAsync(
            RunsJson.ThreadId, new RunCreationOptions("asst_abc"), new FunctionToolSet(), Options()));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[] { "thread.run.created", "thread.run.completed", "done" }));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task RunToCompletionStreaming_ExistingRunInRequiresAction_SubmitsFirst()
    {
        GivenStreams(SubmitPath, Sse(("thread.run.completed", RunsJson.Run("completed"))));
        var run = new ThreadRun
        {
            Id = RunsJson.RunId,
            ThreadId = RunsJson.ThreadId,
            Status = RunStatus.RequiresAction,
            RequiredAction = new RequiredAction
            {
                Type = "submit_tool_outputs",
                SubmitToolOutputs = new RunSubmitToolOutputs
                {
                    ToolCalls = [new RunToolCall { Id = "call_9", Type = "function", Function = new RunToolCallFunction { Name = "nope", Arguments = "{}" } }],
                },
            },
        };

        List<RunStreamEvent> events = await ToListAsync(_stub.Runs.RunToCompletionStreamingAsync(run, new FunctionToolSet(), Options()));

        Assert.That(events.Select(e => e.EventName), Is.EqualTo(new[] { "thread.run.completed", "done" }));
        Dictionary<string, string> outputs = OutputsOf(_stub.Requests("POST", SubmitPath).Single());
        Assert.That(outputs["call_9"], Does.Contain("Unknown function 'nope'"));
    }

    [Test]
    public void RunToCompletionStreaming_RoundLimitExceeded_ThrowsAfterYieldingTheRounds()
    {
        string requiresAction = Sse(("thread.run.requires_action", RunsJson.Run("requires_action", toolCalls: ("call_1", "add", """{"a":1,"b":1}"""))));
        GivenStreams(CreatePath, requiresAction);
        GivenStreams(SubmitPath, requiresAction);
        var tools = new FunctionToolSet().Add((int a, int b) => a + b, "add");
        RunCompletionOptions options = Options();
        options.MaxRounds = 1;
        var seen = new List<string>();

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (RunStreamEvent e in _stub.Runs.RunToCompletionStreamingAsync(RunsJson.ThreadId, new RunCreationOptions("asst_abc"), tools, options))
            {
                seen.Add(e.EventName);
            }
        });

        Assert.That(ex!.Message, Does.Contain("1 rounds"));
        Assert.That(seen, Is.EqualTo(new[] { "thread.run.requires_action", "thread.run.requires_action" }));
        Assert.That(_stub.Wire(), Is.EqualTo(new[] { "POST " + CreatePath, "POST " + SubmitPath }));
    }

    [Test]
    public void RunToCompletionStreaming_InvalidArguments_ThrowAtTheCallAndSendNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _stub.Runs.RunToCompletionStreamingAsync("../x", new RunCreationOptions("asst_abc"), new FunctionToolSet()),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("threadId"));
            Assert.That(() => _stub.Runs.RunToCompletionStreamingAsync(new ThreadRun { Id = RunsJson.RunId, ThreadId = RunsJson.ThreadId, Status = RunStatus.Completed }, new FunctionToolSet()),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("run"));
        });
        Assert.That(_stub.LogEntries, Is.Empty);
    }
}
