using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The two run-step operations on the wire, with paging and <c>include[]</c>, and every kind of step details.</summary>
public sealed class RunStepsApiTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private const string FileSearchContent = "step_details.tool_calls[*].file_search.results[*].content";

    [Test]
    public async Task ListRunSteps_WithPagingAndInclude_SendsQueryAndReadsPage()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps", Payloads.StepList);

        CursorPage<RunStep> page = await _stub.Runs.ListRunStepsAsync(
            "thread_abc123",
            "run_abc123",
            new RunStepCollectionOptions { Limit = 10, Order = ListOrder.Ascending, After = "step_a", Before = "step_b" },
            [RunStepInclude.FileSearchResultContent]);

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps");
        Assert.That(
            Wire.QueryOf(_stub.SingleRequest),
            Is.EquivalentTo(new[] { ("limit", "10"), ("order", "asc"), ("after", "step_a"), ("before", "step_b"), ("include[]", FileSearchContent) }));
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(page.FirstId, Is.EqualTo("step_msg1"));
            Assert.That(page.LastId, Is.EqualTo("step_fail1"));
            Assert.That(page.HasMore, Is.False);
            Assert.That(page.Data, Has.Count.EqualTo(2));
        }

        Expected.StepMessageCreation(page.Data[0]);
        Expected.StepFailed(page.Data[1]);
    }

    [Test]
    public async Task ListRunSteps_WithOnlyInclude_SendsOnlyInclude()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps", Payloads.StepList);

        await _stub.Runs.ListRunStepsAsync("thread_abc123", "run_abc123", include: [RunStepInclude.FileSearchResultContent]);

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EqualTo(new[] { ("include[]", FileSearchContent) }));
    }

    [Test]
    public async Task ListRunSteps_WithoutOptions_SendsNoQuery()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps", Payloads.StepList);

        CursorPage<RunStep> page = await _stub.Runs.ListRunStepsAsync("thread_abc123", "run_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(page.Data, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task GetRunStep_WithInclude_SendsIncludeAndReadsEveryToolCallKind()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_tools1", Payloads.StepToolCalls);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_tools1", [RunStepInclude.FileSearchResultContent]);

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_tools1");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EqualTo(new[] { ("include[]", FileSearchContent) }));
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.StepToolCalls(step);
    }

    [Test]
    public async Task GetRunStep_WithoutInclude_SendsNoQueryAndReadsMessageCreation()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_msg1", Payloads.StepMessageCreation);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_msg1");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_msg1");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Expected.StepMessageCreation(step);
    }

    [Test]
    public async Task GetRunStep_Failed_ReadsLastErrorAndNullOutput()
    {
        _stub.Given("GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_fail1", Payloads.StepFailed);

        RunStep step = await _stub.Runs.GetRunStepAsync("thread_abc123", "run_abc123", "step_fail1");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/threads/thread_abc123/runs/run_abc123/steps/step_fail1");
        Expected.StepFailed(step);
    }
}
