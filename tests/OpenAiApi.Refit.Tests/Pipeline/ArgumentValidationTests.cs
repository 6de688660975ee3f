using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>Bad arguments throw before anything is sent (RELIABILITY §0.5, rows 19–20). A catch-all mapping answers every
/// request with a 200, so a request that leaked would both be logged and make the call succeed.</summary>
public sealed class ArgumentValidationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private static readonly string?[] InvalidIds =
    [
        string.Empty, " ", ".", "..", "a/b", "a?b", "a#b", "%2e%2e", "a b", "a\nb", "asst_é", new string('a', 129), null,
    ];

    /// <summary>Every path id of several operations, each one a call with the other ids valid.</summary>
    private static readonly Dictionary<string, Func<StubServer, string?, Task>> IdOperations = new()
    {
        ["GetAssistant.assistantId"] = (t, id) => t.Assistants.GetAssistantAsync(id!),
        ["DeleteAssistant.assistantId"] = (t, id) => t.Assistants.DeleteAssistantAsync(id!),
        ["GetThread.threadId"] = (t, id) => t.Threads.GetThreadAsync(id!),
        ["GetMessage.threadId"] = (t, id) => t.Messages.GetMessageAsync(id!, "msg_abc123"),
        ["GetMessage.messageId"] = (t, id) => t.Messages.GetMessageAsync("thread_abc123", id!),
        ["ListMessages.threadId"] = (t, id) => t.Messages.ListMessagesAsync(id!),
        ["GetRun.runId"] = (t, id) => t.Runs.GetRunAsync("thread_abc123", id!),
        ["CancelRun.threadId"] = (t, id) => t.Runs.CancelRunAsync(id!, "run_abc123"),
        ["CreateRun.threadId"] = (t, id) => t.Runs.CreateRunAsync(id!, new RunCreationOptions("asst_abc123")),
        ["GetRunStep.threadId"] = (t, id) => t.Runs.GetRunStepAsync(id!, "run_abc123", "step_abc123"),
        ["GetRunStep.runId"] = (t, id) => t.Runs.GetRunStepAsync("thread_abc123", id!, "step_abc123"),
        ["GetRunStep.stepId"] = (t, id) => t.Runs.GetRunStepAsync("thread_abc123", "run_abc123", id!),
    };

    private static readonly Dictionary<string, Func<StubServer, int, Task>> ListOperations = new()
    {
        ["ListAssistants"] = (t, limit) => t.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = limit }),
        ["ListMessages"] = (t, limit) => t.Messages.ListMessagesAsync("thread_abc123", new MessageCollectionOptions { Limit = limit }),
        ["ListRuns"] = (t, limit) => t.Runs.ListRunsAsync("thread_abc123", new RunCollectionOptions { Limit = limit }),
        ["ListRunSteps"] = (t, limit) => t.Runs.ListRunStepsAsync("thread_abc123", "run_abc123", new RunStepCollectionOptions { Limit = limit }),
    };

    private static readonly Dictionary<string, Func<StubServer, IDictionary<string, string>, Task>> MetadataOperations = new()
    {
        ["CreateAssistant"] = (t, m) => t.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Metadata = m }),
        ["CreateThread"] = (t, m) => t.Threads.CreateThreadAsync(new ThreadCreationOptions { Metadata = m }),
        ["CreateThread.Messages"] = (t, m) => t.Threads.CreateThreadAsync(new ThreadCreationOptions { Messages = [new MessageCreationOptions { Role = MessageRole.User, Content = "Hi", Metadata = m }] }),
        ["CreateMessage"] = (t, m) => t.Messages.CreateMessageAsync("thread_abc123", new MessageCreationOptions { Role = MessageRole.User, Content = "Hi", Metadata = m }),
        ["ModifyRun"] = (t, m) => t.Runs.ModifyRunAsync("thread_abc123", "run_abc123", new RunModificationOptions { Metadata = m }),
    };

    private static readonly Dictionary<string, Func<StubServer, Task>> NullBodyOperations = new()
    {
        ["CreateAssistant"] = t => t.Assistants.CreateAssistantAsync(null!),
        ["ModifyAssistant"] = t => t.Assistants.ModifyAssistantAsync("asst_abc123", null!),
        ["CreateThreadAndRun"] = t => t.Threads.CreateThreadAndRunAsync(null!),
        ["CreateMessage"] = t => t.Messages.CreateMessageAsync("thread_abc123", null!),
        ["CreateRun"] = t => t.Runs.CreateRunAsync("thread_abc123", null!),
        ["ModifyRun"] = t => t.Runs.ModifyRunAsync("thread_abc123", "run_abc123", null!),
        ["SubmitToolOutputs"] = t => t.Runs.SubmitToolOutputsToRunAsync("thread_abc123", "run_abc123", null!),
    };

    [SetUp]
    public void MapCatchAll() =>
        _stub.Server.Given(Request.Create().WithPath(new WildcardMatcher("/*")))
            .AtPriority(1000) // below the default priority (0) of a test's own mapping
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id":"obj_any"}""")); // a resource needs its id (row 18)

    [TestCaseSource(nameof(IdCases))]
    [Property("ReliabilityRow", "19")]
    [Property("ReliabilityRow", "20")]
    public void Operation_InvalidId_ThrowsArgumentExceptionAndSendsNothing(string operation, string? id)
    {
        Func<Task> call = () => IdOperations[operation](_stub, id);

        if (id is null)
        {
            var ex = Assert.ThrowsAsync<ArgumentNullException>(async () => await call());
            Assert.That(ex!.ParamName, Is.EqualTo("id"));
        }
        else
        {
            var ex = Assert.ThrowsAsync<ArgumentException>(async () => await call());
            Assert.That(ex!.ParamName, Is.EqualTo("id"));
        }

        Assert.That(_stub.LogEntries, Is.Empty, "no request may leave the process");
    }

    [Test]
    [Property("ReliabilityRow", "19")]
    public void GetAssistant_InvalidId_ThrowsSynchronously()
    {
        Assert.Throws<ArgumentException>(() => _ = _stub.Assistants.GetAssistantAsync(".."));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    [Property("ReliabilityRow", "20")]
    public async Task GetAssistant_IdOf128Characters_IsSent()
    {
        string id = "asst_" + new string('x', 123);
        Assert.That(id, Has.Length.EqualTo(128));

        await _stub.Assistants.GetAssistantAsync(id);

        AssertRequest(_stub.SingleRequest, "GET", "/v1/assistants/" + id);
    }

    [Test]
    public async Task GetRunStep_ValidIdsWithDashAndUnderscore_AreSentVerbatim()
    {
        await _stub.Runs.GetRunStepAsync("thread-A_1", "run-B_2", "step-C_3");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread-A_1/runs/run-B_2/steps/step-C_3");
    }

    [TestCaseSource(nameof(LimitCases))]
    public void List_LimitOutOfRange_ThrowsArgumentOutOfRangeAndSendsNothing(string operation, int limit)
    {
        var ex = Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ListOperations[operation](_stub, limit));

        Assert.That(ex!.ParamName, Is.EqualTo("limit"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [TestCase(1)]
    [TestCase(100)]
    public async Task ListAssistants_LimitAtTheBounds_IsSent(int limit)
    {
        await _stub.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = limit });

        AssertRequest(_stub.SingleRequest, "GET", "/v1/assistants");
        Assert.That(_stub.SingleRequest.RequestMessage.Query!["limit"].Single(), Is.EqualTo(limit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [TestCase("a/b")]
    [TestCase("..")]
    [TestCase("")]
    [Property("ReliabilityRow", "20")]
    public void ListMessages_InvalidCursor_ThrowsArgumentExceptionAndSendsNothing(string cursor)
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await _stub.Messages.ListMessagesAsync("thread_abc123", new MessageCollectionOptions { After = cursor }));

        Assert.That(ex!.ParamName, Is.EqualTo("cursor"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [TestCaseSource(nameof(MetadataCases))]
    public void Create_MetadataOverTheLimits_ThrowsArgumentExceptionAndSendsNothing(string operation, string violation)
    {
        IDictionary<string, string> metadata = violation switch
        {
            "17 pairs" => Enumerable.Range(0, 17).ToDictionary(i => "key" + i, i => "value" + i),
            "65-char key" => new Dictionary<string, string> { [new string('k', 65)] = "v" },
            "513-char value" => new Dictionary<string, string> { ["k"] = new string('v', 513) },
            "17 pairs, sorted dictionary" => new SortedDictionary<string, string>(Enumerable.Range(0, 17).ToDictionary(i => "key" + i, i => "value" + i)),
            "65-char key, sorted dictionary" => new SortedDictionary<string, string> { ["a"] = "v", [new string('k', 65)] = "v" },
            _ => throw new ArgumentOutOfRangeException(nameof(violation)),
        };

        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await MetadataOperations[operation](_stub, metadata));

        Assert.That(ex!.ParamName, Does.StartWith("options").And.EndWith("Metadata"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public async Task CreateAssistant_MetadataAtTheLimits_IsSent()
    {
        var metadata = Enumerable.Range(0, 15).ToDictionary(i => "key" + i, i => "value" + i);
        metadata[new string('k', 64)] = new string('v', 512);

        await _stub.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o") { Metadata = metadata });

        AssertRequest(_stub.SingleRequest, "POST", "/v1/assistants");
        var sent = BodyOf(_stub.SingleRequest).GetProperty("metadata");
        Assert.That(sent.EnumerateObject().Count(), Is.EqualTo(16));
        Assert.That(sent.GetProperty(new string('k', 64)).GetString(), Is.EqualTo(new string('v', 512)));
    }

    [TestCaseSource(nameof(NullBodyCases))]
    public void Operation_NullBody_ThrowsArgumentNullAndSendsNothing(string operation)
    {
        var ex = Assert.ThrowsAsync<ArgumentNullException>(async () => await NullBodyOperations[operation](_stub));

        Assert.That(ex!.ParamName, Is.EqualTo("options"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public async Task CreateThread_NullBody_IsAllowedAndSendsAnEmptyThread()
    {
        _stub.Server.Given(Request.Create().UsingPost().WithPath("/v1/threads"))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ThreadJson));

        AssistantThread thread = await _stub.Threads.CreateThreadAsync(null);

        Assert.That(thread.Id, Is.EqualTo("thread_abc123"));
        AssertRequest(_stub.SingleRequest, "POST", "/v1/threads");
        var body = BodyOf(_stub.SingleRequest);
        Assert.That(body.ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Object));
        Assert.That(body.EnumerateObject().Count(), Is.Zero, "an empty thread is the JSON object {}");
    }

    [Test]
    public void CreateMessage_MessageWithoutContent_ThrowsArgumentExceptionAndSendsNothing()
    {
        var message = new MessageCreationOptions { Role = MessageRole.User, Content = null! };

        Assert.ThrowsAsync<ArgumentException>(async () => await _stub.Messages.CreateMessageAsync("thread_abc123", message));

        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public void SubmitToolOutputs_EmptyList_ThrowsArgumentExceptionAndSendsNothing()
    {
        Assert.ThrowsAsync<ArgumentException>(async () =>
            await _stub.Runs.SubmitToolOutputsToRunAsync("thread_abc123", "run_abc123", new ToolOutputsSubmissionOptions { ToolOutputs = [] }));

        Assert.That(_stub.LogEntries, Is.Empty);
    }

    [Test]
    public void CreateRun_InvalidAssistantIdInBody_ThrowsArgumentExceptionAndSendsNothing()
    {
        var ex = Assert.ThrowsAsync<ArgumentException>(async () => await _stub.Runs.CreateRunAsync("thread_abc123", new RunCreationOptions("../asst")));

        Assert.That(ex!.ParamName, Is.EqualTo("options.AssistantId"));
        Assert.That(_stub.LogEntries, Is.Empty);
    }

    private static IEnumerable<TestCaseData> IdCases() =>
        from operation in IdOperations.Keys
        from id in InvalidIds
        select new TestCaseData(operation, id).SetArgDisplayNames(operation, Display(id));

    private static IEnumerable<TestCaseData> LimitCases() =>
        from operation in ListOperations.Keys
        from limit in new[] { 0, 101, -1 }
        select new TestCaseData(operation, limit).SetArgDisplayNames(operation, limit.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static IEnumerable<TestCaseData> MetadataCases() =>
        from operation in MetadataOperations.Keys
        from violation in new[] { "17 pairs", "65-char key", "513-char value", "17 pairs, sorted dictionary", "65-char key, sorted dictionary" }
        select new TestCaseData(operation, violation).SetArgDisplayNames(operation, violation);

    private static IEnumerable<TestCaseData> NullBodyCases() =>
        NullBodyOperations.Keys.Select(operation => new TestCaseData(operation).SetArgDisplayNames(operation));

    private static string Display(string? id) => id switch
    {
        null => "null",
        "" => "empty",
        { Length: > 20 } => $"{id.Length} chars",
        _ => $"'{id.Replace("\n", "\\n", StringComparison.Ordinal)}'",
    };
}
