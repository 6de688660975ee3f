using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Runs;

public sealed class PaginationTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string MessagesPath = "/v1/threads/" + RunsJson.ThreadId + "/messages";
    private const string RunsPath = "/v1/threads/" + RunsJson.ThreadId + "/runs";
    private const string StepsPath = RunsJson.RunPath + "/steps";

    /// <summary>Answers page 1 (no <c>after</c>) and the pages at each <c>after</c> cursor.</summary>
    private void GivenPages(string path, string firstPage, params (string After, string Page)[] next)
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(path)).AtPriority(10)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(firstPage));
        foreach ((string after, string page) in next)
        {
            _stub.Server.Given(Request.Create().UsingGet().WithPath(path).WithParam("after", after)).AtPriority(1)
                .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(page));
        }
    }

    [Test]
    public async Task GetAllAssistants_ThreePages_FollowsLastIdAndYieldsEveryItemInOrder()
    {
        GivenPages(
            "/v1/assistants",
            RunsJson.Page([RunsJson.Assistant("asst_1", "One"), RunsJson.Assistant("asst_2", "Two")], "asst_1", "asst_2", hasMore: true),
            ("asst_2", RunsJson.Page([RunsJson.Assistant("asst_3", "Three"), RunsJson.Assistant("asst_4", "Four")], "asst_3", "asst_4", hasMore: true)),
            ("asst_4", RunsJson.Page([RunsJson.Assistant("asst_5", "Five")], "asst_5", "asst_5", hasMore: false)));
        var options = new AssistantCollectionOptions { Limit = 2, Order = ListOrder.Ascending };

        var items = new List<Assistant>();
        await foreach (Assistant assistant in _stub.Assistants.GetAllAssistantsAsync(options))
        {
            items.Add(assistant);
        }

        Assert.Multiple(() =>
        {
            Assert.That(items.Select(a => a.Id), Is.EqualTo(new[] { "asst_1", "asst_2", "asst_3", "asst_4", "asst_5" }));
            Assert.That(items.Select(a => a.Name), Is.EqualTo(new[] { "One", "Two", "Three", "Four", "Five" }));
            Assert.That(items[0].Model, Is.EqualTo("gpt-4o"));
            Assert.That(items[0].Instructions, Is.EqualTo("Be brief."));
            Assert.That(options.After, Is.Null, "the caller's options are not modified");
        });
        List<ILogEntry> requests = _stub.Requests("GET", "/v1/assistants");
        Assert.That(requests, Has.Count.EqualTo(3));
        AssertAllAuthenticated(requests);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => QueryOf(r, "after")), Is.EqualTo(new[] { null, "asst_2", "asst_4" }));
            Assert.That(requests.Select(r => QueryOf(r, "limit")), Is.All.EqualTo("2"));
            Assert.That(requests.Select(r => QueryOf(r, "order")), Is.All.EqualTo("asc"));
            Assert.That(requests.Select(r => QueryOf(r, "before")), Is.All.Null);
        });
    }

    [Test]
    public async Task GetAllMessages_RunIdFilter_IsSentWithEveryPage()
    {
        GivenPages(
            MessagesPath,
            RunsJson.Page([RunsJson.Message("msg_1", "a")], "msg_1", "msg_1", hasMore: true),
            ("msg_1", RunsJson.Page([RunsJson.Message("msg_2", "b")], "msg_2", "msg_2", hasMore: true)),
            ("msg_2", RunsJson.Page([RunsJson.Message("msg_3", "c")], "msg_3", "msg_3", hasMore: false)));

        var items = new List<ThreadMessage>();
        await foreach (ThreadMessage message in _stub.Messages.GetAllMessagesAsync(
            RunsJson.ThreadId, new MessageCollectionOptions { Limit = 1, Order = ListOrder.Descending, RunId = RunsJson.RunId }))
        {
            items.Add(message);
        }

        Assert.That(items.Select(m => m.Id), Is.EqualTo(new[] { "msg_1", "msg_2", "msg_3" }));
        Assert.That(items.Select(m => m.Text), Is.EqualTo(new[] { "a", "b", "c" }));
        Assert.That(items.Select(m => m.RunId), Is.All.EqualTo(RunsJson.RunId));
        List<ILogEntry> requests = _stub.Requests("GET", MessagesPath);
        Assert.That(requests, Has.Count.EqualTo(3));
        AssertAllAuthenticated(requests);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => QueryOf(r, "after")), Is.EqualTo(new[] { null, "msg_1", "msg_2" }));
            Assert.That(requests.Select(r => QueryOf(r, "run_id")), Is.All.EqualTo(RunsJson.RunId));
            Assert.That(requests.Select(r => QueryOf(r, "limit")), Is.All.EqualTo("1"));
            Assert.That(requests.Select(r => QueryOf(r, "order")), Is.All.EqualTo("desc"));
        });
    }

    [Test]
    public async Task GetAllRuns_StartsAfterTheCallersCursor()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(RunsPath).WithParam("after", "run_0"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(RunsJson.Page([RunsJson.Run("completed", "run_1")], "run_1", "run_1", hasMore: true)));
        _stub.Server.Given(Request.Create().UsingGet().WithPath(RunsPath).WithParam("after", "run_1"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(RunsJson.Page([RunsJson.Run("failed", "run_2")], "run_2", "run_2", hasMore: false)));

        var items = new List<ThreadRun>();
        await foreach (ThreadRun run in _stub.Runs.GetAllRunsAsync(RunsJson.ThreadId, new RunCollectionOptions { After = "run_0" }))
        {
            items.Add(run);
        }

        Assert.That(items.Select(r => r.Id), Is.EqualTo(new[] { "run_1", "run_2" }));
        Assert.That(items.Select(r => r.Status), Is.EqualTo(new[] { RunStatus.Completed, RunStatus.Failed }));
        List<ILogEntry> requests = _stub.Requests("GET", RunsPath);
        Assert.That(requests.Select(r => QueryOf(r, "after")), Is.EqualTo(new[] { "run_0", "run_1" }));
        Assert.That(requests.Select(r => QueryOf(r, "limit")), Is.All.Null, "no limit given, none sent");
    }

    [Test]
    public async Task GetAllRunSteps_SendsIncludeAndPagesThroughTheSteps()
    {
        GivenPages(
            StepsPath,
            RunsJson.Page([RunsJson.RunStep("step_1", "msg_1")], "step_1", "step_1", hasMore: true),
            ("step_1", RunsJson.Page([RunsJson.RunStep("step_2", "msg_2")], "step_2", "step_2", hasMore: false)));

        var items = new List<RunStep>();
        await foreach (RunStep step in _stub.Runs.GetAllRunStepsAsync(
            RunsJson.ThreadId, RunsJson.RunId, new RunStepCollectionOptions { Limit = 1 }, [RunStepInclude.FileSearchResultContent]))
        {
            items.Add(step);
        }

        Assert.That(items.Select(s => s.Id), Is.EqualTo(new[] { "step_1", "step_2" }));
        Assert.That(items.Select(s => ((MessageCreationStepDetails)s.StepDetails!).MessageCreation!.MessageId), Is.EqualTo(new[] { "msg_1", "msg_2" }));
        List<ILogEntry> requests = _stub.Requests("GET", StepsPath);
        Assert.That(requests, Has.Count.EqualTo(2));
        AssertAllAuthenticated(requests);
        Assert.Multiple(() =>
        {
            Assert.That(requests.Select(r => QueryOf(r, "after")), Is.EqualTo(new[] { null, "step_1" }));
            Assert.That(requests.Select(r => QueryOf(r, "limit")), Is.All.EqualTo("1"));
            Assert.That(requests.Select(r => QueryOf(r, "include[]")), Is.All.EqualTo("step_details.tool_calls[*].file_search.results[*].content"));
        });
    }

    [Test]
    public async Task GetAllAssistants_BreakAfterTheFirstPage_SendsNoFurtherRequest()
    {
        GivenPages(
            "/v1/assistants",
            RunsJson.Page([RunsJson.Assistant("asst_1", "One"), RunsJson.Assistant("asst_2", "Two")], "asst_1", "asst_2", hasMore: true),
            ("asst_2", RunsJson.Page([RunsJson.Assistant("asst_3", "Three")], "asst_3", "asst_3", hasMore: false)));

        var items = new List<string>();
        await foreach (Assistant assistant in _stub.Assistants.GetAllAssistantsAsync())
        {
            items.Add(assistant.Id);
            if (items.Count == 2)
            {
                break;
            }
        }

        Assert.That(items, Is.EqualTo(new[] { "asst_1", "asst_2" }));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void GetAllAssistants_ServerRepeatsTheCursor_ThrowsNamingTheCursor()
    {
        GivenPages(
            "/v1/assistants",
            RunsJson.Page([RunsJson.Assistant("asst_1", "One")], "asst_1", "asst_1", hasMore: true),
            ("asst_1", RunsJson.Page([RunsJson.Assistant("asst_1", "One")], "asst_1", "asst_1", hasMore: true)));

        var items = new List<string>();
        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (Assistant assistant in _stub.Assistants.GetAllAssistantsAsync())
            {
                items.Add(assistant.Id);
                if (items.Count > 10)
                {
                    Assert.Fail("the enumeration loops over the repeated page");
                }
            }
        });

        Assert.That(ex!.Message, Does.Contain("asst_1").And.Contain("last_id"));
        Assert.That(items, Is.EqualTo(new[] { "asst_1" }), "the repeated page is not yielded");
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public void GetAllRuns_HasMoreWithoutLastId_Throws()
    {
        GivenPages(RunsPath, RunsJson.Page([], null, null, hasMore: true));

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await foreach (ThreadRun run in _stub.Runs.GetAllRunsAsync(RunsJson.ThreadId))
            {
                Assert.Fail("no item expected: " + run.Id);
            }
        });

        Assert.That(ex!.Message, Does.Contain("has_more").And.Contain("last_id"));
        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task GetAllMessages_OnlyBefore_WalksBackwardWithFirstId()
    {
        _stub.Server.Given(Request.Create().UsingGet().WithPath(MessagesPath).WithParam("before", "msg_9"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(RunsJson.Page([RunsJson.Message("msg_7", "x"), RunsJson.Message("msg_8", "y")], "msg_7", "msg_8", hasMore: true)));
        _stub.Server.Given(Request.Create().UsingGet().WithPath(MessagesPath).WithParam("before", "msg_7"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody(RunsJson.Page([RunsJson.Message("msg_6", "z")], "msg_6", "msg_6", hasMore: false)));

        var ids = new List<string>();
        await foreach (ThreadMessage message in _stub.Messages.GetAllMessagesAsync(
            RunsJson.ThreadId, new MessageCollectionOptions { Before = "msg_9", Order = ListOrder.Ascending }))
        {
            ids.Add(message.Id);
        }

        Assert.That(ids, Is.EqualTo(new[] { "msg_7", "msg_8", "msg_6" }));
        List<ILogEntry> requests = _stub.Requests("GET", MessagesPath);
        Assert.That(requests.Select(r => QueryOf(r, "before")), Is.EqualTo(new[] { "msg_9", "msg_7" }));
        Assert.That(requests.Select(r => QueryOf(r, "after")), Is.All.Null);
    }

    [Test]
    public void GetAllRuns_CancelledThroughWithCancellation_StopsBeforeTheNextPage()
    {
        GivenPages(
            RunsPath,
            RunsJson.Page([RunsJson.Run("completed", "run_1")], "run_1", "run_1", hasMore: true),
            ("run_1", RunsJson.Page([RunsJson.Run("completed", "run_2")], "run_2", "run_2", hasMore: false)));
        using var cts = new CancellationTokenSource();

        Assert.CatchAsync<OperationCanceledException>(async () =>
        {
            await foreach (ThreadRun run in _stub.Runs.GetAllRunsAsync(RunsJson.ThreadId).WithCancellation(cts.Token))
            {
                cts.Cancel();
            }
        });

        Assert.That(_stub.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void GetAll_InvalidArguments_ThrowAtTheCallAndSendNothing()
    {
        Assert.Multiple(() =>
        {
            Assert.That(() => _stub.Assistants.GetAllAssistantsAsync(new AssistantCollectionOptions { Limit = 101 }),
                Throws.InstanceOf<ArgumentOutOfRangeException>().With.Property("ParamName").EqualTo("options.Limit"));
            Assert.That(() => _stub.Messages.GetAllMessagesAsync("../x"),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("threadId"));
            Assert.That(() => _stub.Messages.GetAllMessagesAsync(RunsJson.ThreadId, new MessageCollectionOptions { RunId = "a/b" }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("options.RunId"));
            Assert.That(() => _stub.Runs.GetAllRunsAsync(RunsJson.ThreadId, new RunCollectionOptions { After = "" }),
                Throws.ArgumentException.With.Property("ParamName").EqualTo("options.After"));
            Assert.That(() => _stub.Runs.GetAllRunStepsAsync(RunsJson.ThreadId, null!),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("runId"));
        });
        Assert.That(_stub.LogEntries, Is.Empty);
    }
}
