using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Settings;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Tests.Infrastructure;

/// <summary>
/// Starts one WireMock server per fixture on 127.0.0.1 (random port) and builds the client through the real
/// <c>AddOpenAIAssistants</c> registration, with a clock that never sleeps. Mappings and logs are reset after each test.
/// </summary>
public abstract class WireMockTestBase
{
    /// <summary>A test key; long enough to look real, short enough not to look like a leaked one.</summary>
    public const string ApiKey = "sk-test-SECRET-key";

    protected WireMockServer Server { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected TestClock Time { get; } = new();

    protected IAssistantsApi Assistants => Services.GetRequiredService<IAssistantsApi>();

    protected IThreadsApi Threads => Services.GetRequiredService<IThreadsApi>();

    protected IMessagesApi Messages => Services.GetRequiredService<IMessagesApi>();

    protected IRunsApi Runs => Services.GetRequiredService<IRunsApi>();

    /// <summary>The single request the server saw in this test.</summary>
    protected ILogEntry SingleRequest
    {
        get
        {
            Assert.That(Server.LogEntries, Has.Count.EqualTo(1), "exactly one request was expected");
            return Server.LogEntries.Single();
        }
    }

    [OneTimeSetUp]
    public void StartServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"] });
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddOpenAIAssistants(options =>
        {
            options.ApiKey = ApiKey;
            options.BaseAddress = new Uri(Server.Url! + "/v1/");
            ConfigureOptions(options);
        });
        ConfigureServices(services);
        Services = services.BuildServiceProvider();
    }

    [TearDown]
    public void ResetServer()
    {
        Server.Reset();
        Time.Clear();
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        Services?.Dispose();
        Server?.Stop();
        Server?.Dispose();
    }

    protected virtual void ConfigureOptions(OpenAIAssistantsClientOptions options)
    {
    }

    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>Answers <paramref name="method"/> <paramref name="path"/> with a JSON body.</summary>
    protected void Given(string method, string path, string json, int status = 200, params (string Name, string Value)[] headers)
    {
        IResponseBuilder response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json);
        foreach ((string name, string value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().UsingMethod(method).WithPath(path)).RespondWith(response);
    }

    /// <summary>Parses the JSON body of a logged request.</summary>
    protected static JsonElement BodyOf(ILogEntry entry)
    {
        string? body = entry.RequestMessage.Body;
        Assert.That(body, Is.Not.Null.And.Not.Empty, "the request had no body");
        return JsonDocument.Parse(body!).RootElement.Clone();
    }

    /// <summary>Gets a request header (first value).</summary>
    protected static string? HeaderOf(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers is { } headers && headers.TryGetValue(name, out var values) ? values.FirstOrDefault() : null;

    /// <summary>Asserts the method, the path, the key and the beta header of a request.</summary>
    protected static void AssertRequest(ILogEntry entry, string method, string path)
    {
        Assert.Multiple(() =>
        {
            Assert.That(entry.RequestMessage.Method, Is.EqualTo(method));
            Assert.That(entry.RequestMessage.Path, Is.EqualTo(path));
            Assert.That(HeaderOf(entry, "Authorization"), Is.EqualTo("Bearer " + ApiKey));
            Assert.That(HeaderOf(entry, "OpenAI-Beta"), Is.EqualTo("assistants=v2"));
        });
    }
}
