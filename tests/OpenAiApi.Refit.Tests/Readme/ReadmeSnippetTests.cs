using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;

namespace OpenAiApi.Refit.Tests.Readme;

/// <summary>The README's snippets, compiled and run: if one stops compiling or working, this fails.</summary>
public sealed class ReadmeSnippetTests
{
    // README: "Registering in ASP.NET Core".
    public sealed class SupportBot(IAssistantsApi assistants, IThreadsApi threads, IMessagesApi messages)
    {
        public async Task<string> StartAsync(CancellationToken cancellationToken)
        {
            Assistant assistant = await assistants.CreateAssistantAsync(
                new AssistantCreationOptions("gpt-4o") { Name = "Support", Instructions = "Be brief." }, cancellationToken);
            AssistantThread thread = await threads.CreateThreadAsync(cancellationToken: cancellationToken);
            await messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("My order is late."), cancellationToken);
            return thread.Id;
        }
    }

    [Test]
    public async Task RegisteringSnippet_BindsConfigurationAndRunsTheService()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().UsingPost().WithPath("/v1/assistants")).RespondWith(Json("""{"id":"asst_1","object":"assistant","created_at":1,"model":"gpt-4o","tools":[],"metadata":{}}"""));
        server.Given(Request.Create().UsingPost().WithPath("/v1/threads")).RespondWith(Json("""{"id":"thread_1","object":"thread","created_at":1,"metadata":{}}"""));
        server.Given(Request.Create().UsingPost().WithPath("/v1/threads/thread_1/messages")).RespondWith(Json("""{"id":"msg_1","object":"thread.message","created_at":1,"thread_id":"thread_1","role":"user","content":[]}"""));
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenAI:ApiKey"] = "test-key",
            ["OpenAI:BaseAddress"] = server.Url + "/v1/",
        }).Build();

        var services = new ServiceCollection();
        services.AddOpenAIAssistants(configuration.GetSection("OpenAI"));
        services.AddTransient<SupportBot>();
        await using ServiceProvider provider = services.BuildServiceProvider();

        string threadId = await provider.GetRequiredService<SupportBot>().StartAsync(CancellationToken.None);

        Assert.That(threadId, Is.EqualTo("thread_1"));
        Assert.That(server.LogEntries.Select(e => e.RequestMessage.Path), Is.EqualTo(new[] { "/v1/assistants", "/v1/threads", "/v1/threads/thread_1/messages" }));
    }

    [Test]
    public async Task FacadeSnippet_ListsAssistants()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().UsingGet().WithPath("/v1/assistants")).RespondWith(Json("""{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}"""));

        // README: "Using the client without DI" (base address pointed at the test server).
        await using var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions
        {
            ApiKey = "test-key",
            BaseAddress = new Uri(server.Url + "/v1/"),
        });
        CursorPage<Assistant> page = await client.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 20 });

        Assert.That(page.Data, Is.Empty);
        Assert.That(server.LogEntries.Single().RequestMessage.Query!["limit"].Single(), Is.EqualTo("20"));
    }

    [Test]
    public async Task ErrorsSnippet_CatchesNotFound()
    {
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().UsingGet().WithPath("/v1/threads/thread_1/runs/run_1"))
            .RespondWith(Json("""{"error":{"message":"No run found with id 'run_1'.","type":"invalid_request_error","code":null,"param":null}}""", 404));
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => { o.ApiKey = "test"; o.BaseAddress = new Uri(server.Url + "/v1/"); });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IRunsApi runs = provider.GetRequiredService<IRunsApi>();
        ILogger logger = NullLogger.Instance;
        string threadId = "thread_1", runId = "run_1";
        CancellationToken cancellationToken = CancellationToken.None;
        bool caught = false;

        // README: "Errors and retries".
        try
        {
            await runs.GetRunAsync(threadId, runId, cancellationToken);
        }
        catch (OpenAINotFoundException ex)
        {
            logger.LogWarning("Run {RunId} is gone (request {RequestId})", runId, ex.RequestId);
            caught = true;
        }
        catch (OpenAIRateLimitException ex) when (ex.RetryAfter is { } wait)
        {
            logger.LogWarning("Rate limited; the server asks to wait {Wait}", wait);
        }

        Assert.That(caught, Is.True);
    }

    [Test]
    public async Task WireMockSnippet_GetsTheAssistant()
    {
        // README: "Testing your code with WireMock".
        using var server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        server.Given(Request.Create().UsingGet().WithPath("/v1/assistants/asst_1"))
              .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                  .WithBody("""{"id":"asst_1","object":"assistant","created_at":1,"model":"gpt-4o","tools":[],"metadata":{}}"""));

        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o => { o.ApiKey = "test"; o.BaseAddress = new Uri(server.Url + "/v1/"); o.MaxRetries = 0; });
        using ServiceProvider provider = services.BuildServiceProvider();
        Assistant assistant = await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_1");

        Assert.That(assistant.Model, Is.EqualTo("gpt-4o"));
    }

    private static IResponseBuilder Json(string body, int status = 200) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
}
