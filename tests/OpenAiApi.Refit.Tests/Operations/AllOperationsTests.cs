using System.Reflection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>All 23 operations of the spec, each called once through the interfaces against catch-all routes.</summary>
public sealed class AllOperationsTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string AssistantId = "asst_1";
    private const string ThreadId = "thread_1";
    private const string MessageId = "msg_1";
    private const string RunId = "run_1";
    private const string StepId = "step_1";

    /// <summary>The (method, path template) pairs of the spec's 23 operations.</summary>
    private static readonly (string Method, string Template)[] SpecOperations =
    [
        ("GET", "/assistants"),
        ("POST", "/assistants"),
        ("GET", "/assistants/{assistant_id}"),
        ("POST", "/assistants/{assistant_id}"),
        ("DELETE", "/assistants/{assistant_id}"),
        ("POST", "/threads"),
        ("POST", "/threads/runs"),
        ("GET", "/threads/{thread_id}"),
        ("POST", "/threads/{thread_id}"),
        ("DELETE", "/threads/{thread_id}"),
        ("GET", "/threads/{thread_id}/messages"),
        ("POST", "/threads/{thread_id}/messages"),
        ("GET", "/threads/{thread_id}/messages/{message_id}"),
        ("POST", "/threads/{thread_id}/messages/{message_id}"),
        ("DELETE", "/threads/{thread_id}/messages/{message_id}"),
        ("GET", "/threads/{thread_id}/runs"),
        ("POST", "/threads/{thread_id}/runs"),
        ("GET", "/threads/{thread_id}/runs/{run_id}"),
        ("POST", "/threads/{thread_id}/runs/{run_id}"),
        ("POST", "/threads/{thread_id}/runs/{run_id}/cancel"),
        ("POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs"),
        ("GET", "/threads/{thread_id}/runs/{run_id}/steps"),
        ("GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}"),
    ];

    [Test]
    public async Task EveryOperation_CalledOnce_HitsItsOwnRouteWithKeyAndBetaHeader()
    {
        MapCatchAllRoutes();
        (string Name, string Method, string Template, Type Result, Func<Task<object>> Call)[] operations =
        [
            ("ListAssistants", "GET", "/assistants", typeof(CursorPage<Assistant>), async () => await _stub.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 5 })),
            ("CreateAssistant", "POST", "/assistants", typeof(Assistant), async () => await _stub.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"))),
            ("GetAssistant", "GET", "/assistants/{assistant_id}", typeof(Assistant), async () => await _stub.Assistants.GetAssistantAsync(AssistantId)),
            ("ModifyAssistant", "POST", "/assistants/{assistant_id}", typeof(Assistant), async () => await _stub.Assistants.ModifyAssistantAsync(AssistantId, new AssistantModificationOptions { Name = "n" })),
            ("DeleteAssistant", "DELETE", "/assistants/{assistant_id}", typeof(DeletionResult), async () => await _stub.Assistants.DeleteAssistantAsync(AssistantId)),
            ("CreateThread", "POST", "/threads", typeof(AssistantThread), async () => await _stub.Threads.CreateThreadAsync(new ThreadCreationOptions())),
            ("CreateThreadAndRun", "POST", "/threads/runs", typeof(ThreadRun), async () => await _stub.Threads.CreateThreadAndRunAsync(new ThreadAndRunCreationOptions(AssistantId))),
            ("GetThread", "GET", "/threads/{thread_id}", typeof(AssistantThread), async () => await _stub.Threads.GetThreadAsync(ThreadId)),
            ("ModifyThread", "POST", "/threads/{thread_id}", typeof(AssistantThread), async () => await _stub.Threads.ModifyThreadAsync(ThreadId, new ThreadModificationOptions())),
            ("DeleteThread", "DELETE", "/threads/{thread_id}", typeof(DeletionResult), async () => await _stub.Threads.DeleteThreadAsync(ThreadId)),
            ("ListMessages", "GET", "/threads/{thread_id}/messages", typeof(CursorPage<ThreadMessage>), async () => await _stub.Messages.ListMessagesAsync(ThreadId, new MessageCollectionOptions { RunId = RunId })),
            ("CreateMessage", "POST", "/threads/{thread_id}/messages", typeof(ThreadMessage), async () => await _stub.Messages.CreateMessageAsync(ThreadId, MessageCreationOptions.User("hi"))),
            ("GetMessage", "GET", "/threads/{thread_id}/messages/{message_id}", typeof(ThreadMessage), async () => await _stub.Messages.GetMessageAsync(ThreadId, MessageId)),
            ("ModifyMessage", "POST", "/threads/{thread_id}/messages/{message_id}", typeof(ThreadMessage), async () => await _stub.Messages.ModifyMessageAsync(ThreadId, MessageId, new MessageModificationOptions())),
            ("DeleteMessage", "DELETE", "/threads/{thread_id}/messages/{message_id}", typeof(DeletionResult), async () => await _stub.Messages.DeleteMessageAsync(ThreadId, MessageId)),
            ("ListRuns", "GET", "/threads/{thread_id}/runs", typeof(CursorPage<ThreadRun>), async () => await _stub.Runs.ListRunsAsync(ThreadId)),
            ("CreateRun", "POST", "/threads/{thread_id}/runs", typeof(ThreadRun), async () => await _stub.Runs.CreateRunAsync(ThreadId, new RunCreationOptions(AssistantId), [RunStepInclude.FileSearchResultContent])),
            ("GetRun", "GET", "/threads/{thread_id}/runs/{run_id}", typeof(ThreadRun), async () => await _stub.Runs.GetRunAsync(ThreadId, RunId)),
            ("ModifyRun", "POST", "/threads/{thread_id}/runs/{run_id}", typeof(ThreadRun), async () => await _stub.Runs.ModifyRunAsync(ThreadId, RunId, new RunModificationOptions())),
            ("CancelRun", "POST", "/threads/{thread_id}/runs/{run_id}/cancel", typeof(ThreadRun), async () => await _stub.Runs.CancelRunAsync(ThreadId, RunId)),
            ("SubmitToolOutputs", "POST", "/threads/{thread_id}/runs/{run_id}/submit_tool_outputs", typeof(ThreadRun), async () => await _stub.Runs.SubmitToolOutputsToRunAsync(ThreadId, RunId, new ToolOutputsSubmissionOptions([new ToolOutput("call_1", "ok")]))),
            ("ListRunSteps", "GET", "/threads/{thread_id}/runs/{run_id}/steps", typeof(CursorPage<RunStep>), async () => await _stub.Runs.ListRunStepsAsync(ThreadId, RunId, include: [RunStepInclude.FileSearchResultContent])),
            ("GetRunStep", "GET", "/threads/{thread_id}/runs/{run_id}/steps/{step_id}", typeof(RunStep), async () => await _stub.Runs.GetRunStepAsync(ThreadId, RunId, StepId, [RunStepInclude.FileSearchResultContent])),
        ];

        var hit = new List<(string Method, string Template)>();
        foreach (var operation in operations)
        {
            int before = _stub.LogEntries.Count();
            object result = await operation.Call();
            ILogEntry[] entries = [.. _stub.LogEntries.Skip(before)];
            Assert.That(entries, Has.Length.EqualTo(1), $"{operation.Name} sends exactly one request");
            ILogEntry entry = entries[0];
            (string Method, string Template) seen = (entry.RequestMessage.Method, TemplateOf(entry.RequestMessage.Path));
            hit.Add(seen);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(seen, Is.EqualTo((operation.Method, operation.Template)), operation.Name);
                Assert.That(entry.ResponseMessage.StatusCode, Is.EqualTo(200), $"{operation.Name} matched a route");
                Assert.That(HeaderOf(entry, "Authorization"), Is.EqualTo("Bearer " + ApiKey), operation.Name);
                Assert.That(HeaderOf(entry, "OpenAI-Beta"), Is.EqualTo("assistants=v2"), operation.Name);
                Assert.That(result, Is.TypeOf(operation.Result), operation.Name);
                if (operation.Method == "POST")
                {
                    // A body goes out whole, with its length: some proxies and gateways refuse chunked request bodies (411).
                    Assert.That(HeaderOf(entry, "Content-Length"), Is.EqualTo(entry.RequestMessage.BodyAsBytes!.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"{operation.Name} Content-Length");
                    Assert.That(HeaderOf(entry, "Transfer-Encoding"), Is.Null, $"{operation.Name} is not chunked");
                    if (operation.Name != "CancelRun")
                    {
                        Assert.That(HeaderOf(entry, "Content-Type"), Is.EqualTo("application/json; charset=utf-8"), $"{operation.Name} Content-Type");
                    }
                }
            }
        }

        Assert.That(hit.Distinct().Count(), Is.EqualTo(23));
        Assert.That(hit, Is.EquivalentTo(SpecOperations));
    }

    [Test]
    public void Interfaces_DeclareExactlyTheSpecOperations()
    {
        // Every public method of the four interfaces that is not a raw streaming building block is one spec operation.
        string[] declared =
        [
            .. new[] { typeof(IAssistantsApi), typeof(IThreadsApi), typeof(IMessagesApi), typeof(IRunsApi) }
                .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance))
                .Where(m => m.ReturnType != typeof(Task<HttpResponseMessage>))
                .Select(m => m.Name),
        ];

        Assert.That(declared, Is.EquivalentTo(new[]
        {
            "ListAssistantsAsync", "CreateAssistantAsync", "GetAssistantAsync", "ModifyAssistantAsync", "DeleteAssistantAsync",
            "CreateThreadAsync", "CreateThreadAndRunAsync", "GetThreadAsync", "ModifyThreadAsync", "DeleteThreadAsync",
            "ListMessagesAsync", "CreateMessageAsync", "GetMessageAsync", "ModifyMessageAsync", "DeleteMessageAsync",
            "ListRunsAsync", "CreateRunAsync", "GetRunAsync", "ModifyRunAsync", "CancelRunAsync", "SubmitToolOutputsToRunAsync",
            "ListRunStepsAsync", "GetRunStepAsync",
        }));
    }

    /// <summary>Maps a concrete path back to its template: /v1 stripped, the test ids replaced by the spec's placeholders.</summary>
    private static string TemplateOf(string path)
    {
        Assert.That(path, Does.StartWith("/v1/"));
        IEnumerable<string> segments = path["/v1".Length..].Split('/').Select(segment => segment switch
        {
            AssistantId => "{assistant_id}",
            ThreadId => "{thread_id}",
            MessageId => "{message_id}",
            RunId => "{run_id}",
            StepId => "{step_id}",
            _ => segment,
        });
        return string.Join('/', segments);
    }

    /// <summary>Routes that match any id (path regexes, mutually exclusive) and answer each kind of operation with a suitable body.</summary>
    private void MapCatchAllRoutes()
    {
        const string Id = "[A-Za-z0-9_-]+";
        Map("GET", "^/v1/assistants$", Payloads.AssistantList);
        Map("POST", "^/v1/assistants$", Payloads.Assistant);
        Map("GET", $"^/v1/assistants/{Id}$", Payloads.Assistant);
        Map("POST", $"^/v1/assistants/{Id}$", Payloads.Assistant);
        Map("DELETE", $"^/v1/assistants/{Id}$", Payloads.AssistantDeleted);
        Map("POST", "^/v1/threads$", Payloads.Thread);
        Map("POST", "^/v1/threads/runs$", Payloads.RunQueued);
        Map("GET", $"^/v1/threads/(?!runs$){Id}$", Payloads.Thread);
        Map("POST", $"^/v1/threads/(?!runs$){Id}$", Payloads.Thread);
        Map("DELETE", $"^/v1/threads/{Id}$", Payloads.ThreadDeleted);
        Map("GET", $"^/v1/threads/{Id}/messages$", Payloads.MessageList);
        Map("POST", $"^/v1/threads/{Id}/messages$", Payloads.UserMessage);
        Map("GET", $"^/v1/threads/{Id}/messages/{Id}$", Payloads.AssistantMessage);
        Map("POST", $"^/v1/threads/{Id}/messages/{Id}$", Payloads.AssistantMessage);
        Map("DELETE", $"^/v1/threads/{Id}/messages/{Id}$", Payloads.MessageDeleted);
        Map("GET", $"^/v1/threads/{Id}/runs$", Payloads.RunList);
        Map("POST", $"^/v1/threads/{Id}/runs$", Payloads.RunQueued);
        Map("GET", $"^/v1/threads/{Id}/runs/{Id}$", Payloads.RunRequiresAction);
        Map("POST", $"^/v1/threads/{Id}/runs/{Id}$", Payloads.RunCompleted);
        Map("POST", $"^/v1/threads/{Id}/runs/{Id}/cancel$", Payloads.RunCancelling);
        Map("POST", $"^/v1/threads/{Id}/runs/{Id}/submit_tool_outputs$", Payloads.RunQueued);
        Map("GET", $"^/v1/threads/{Id}/runs/{Id}/steps$", Payloads.StepList);
        Map("GET", $"^/v1/threads/{Id}/runs/{Id}/steps/{Id}$", Payloads.StepToolCalls);
    }

    private void Map(string method, string pathRegex, string json) =>
        _stub.Server
            .Given(Request.Create().UsingMethod(method).WithPath(new RegexMatcher(pathRegex)))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(json));
}
