using NUnit.Framework;
using OpenAiApi.Refit.Exceptions;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;

namespace OpenAiApi.Refit.Tests.Pipeline;

public sealed class SmokeTests : WireMockTestBase
{
    [Test]
    public async Task GetAssistant_Works()
    {
        Given("GET", "/v1/assistants/asst_1", """{"id":"asst_1","object":"assistant","created_at":1,"model":"gpt-4o","tools":[{"type":"code_interpreter"},{"type":"brand_new","x":1}],"metadata":{}}""");
        Assistant a = await Assistants.GetAssistantAsync("asst_1");
        Assert.That(a.Id, Is.EqualTo("asst_1"));
        Assert.That(a.Tools[1], Is.InstanceOf<UnknownToolDefinition>());
        AssertRequest(SingleRequest, "GET", "/v1/assistants/asst_1");
    }

    [Test]
    public async Task List_Query()
    {
        Given("GET", "/v1/threads/t1/messages", """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}""");
        await Messages.ListMessagesAsync("t1", new MessageCollectionOptions { Limit = 5, Order = ListOrder.Descending, After = "msg_1", RunId = "run_1" });
        TestContext.Out.WriteLine(SingleRequest.RequestMessage.Url);
        Given("POST", "/v1/threads/t1/runs", """{"id":"run_1","object":"thread.run","status":"queued"}""");
        await Runs.CreateRunAsync("t1", new RunCreationOptions("asst_1"), [RunStepInclude.FileSearchResultContent]);
        TestContext.Out.WriteLine(Server.LogEntries.Last().RequestMessage.Url);
        TestContext.Out.WriteLine(Server.LogEntries.Last().RequestMessage.Body);
    }

    [TestCase("")]
    [TestCase("..")]
    [TestCase(null)]
    public void BadId(string? id)
    {
        var ex = Assert.CatchAsync(async () => await Assistants.GetAssistantAsync(id!));
        TestContext.Out.WriteLine(ex!.GetType() + " " + ex.Message);
        Assert.That(Server.LogEntries, Is.Empty);
    }

    [Test]
    public void Retry429()
    {
        Given("GET", "/v1/assistants/asst_1", """{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded","param":null}}""", 429, ("Retry-After", "2"), ("x-request-id", "req_1"));
        var ex = Assert.ThrowsAsync<OpenAIRateLimitException>(async () => await Assistants.GetAssistantAsync("asst_1"));
        TestContext.Out.WriteLine(ex!.Message);
        Assert.That(Server.LogEntries, Has.Count.EqualTo(3));
        Assert.That(Time.Delays, Is.EqualTo(new[] { TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2) }));
    }

    [Test]
    public void EmptyBody()
    {
        Given("GET", "/v1/assistants/asst_1", "");
        var ex = Assert.CatchAsync(async () => await Assistants.GetAssistantAsync("asst_1"));
        TestContext.Out.WriteLine(ex!.GetType() + " " + ex.Message);
    }

    [Test]
    public void Malformed()
    {
        Given("GET", "/v1/assistants/asst_1", "{\"id\":\"run_1\",\"status\":");
        var ex = Assert.CatchAsync(async () => await Assistants.GetAssistantAsync("asst_1"));
        TestContext.Out.WriteLine(ex!.GetType() + " " + ex.Message);
    }

    [Test]
    public void NullBody()
    {
        var ex = Assert.CatchAsync(async () => await Assistants.CreateAssistantAsync(null!));
        TestContext.Out.WriteLine(ex!.GetType() + " " + ex.Message);
        Assert.That(Server.LogEntries, Is.Empty);
    }

    [Test]
    public void TooMuchMetadata()
    {
        var o = new AssistantCreationOptions("gpt-4o") { Metadata = Enumerable.Range(0, 17).ToDictionary(i => "k" + i, i => "v") };
        var ex = Assert.CatchAsync(async () => await Assistants.CreateAssistantAsync(o));
        TestContext.Out.WriteLine(ex!.GetType() + " " + ex.Message);
        Assert.That(Server.LogEntries, Is.Empty);
    }
}
