using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StreamPayloads;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary><see cref="OpenAIAssistantsClientOptions.StreamIdleTimeout"/> reaches the stream reader through the pipeline.</summary>
public sealed class ConfiguredIdleTimeoutTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start(ConfigureOptions, ConfigureServices);

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    private readonly StubPrimaryHandler _handler = new();

    private void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(100);

    private void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _handler);

    [Test]
    [Property("ReliabilityRow", "27")]
    public async Task CreateRunStreamingAsync_WithoutStreamOptions_UsesTheConfiguredStreamIdleTimeout()
    {
        var body = new ControlledSseStream();
        _handler.Respond = _ => StubPrimaryHandler.EventStream(body);
        body.Write(Sse(("thread.run.created", Run("queued"))));

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
        {
            await foreach (RunStreamEvent _ in _stub.Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain("0.1 s"));
        await body.Disposed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
