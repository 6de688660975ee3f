using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Streaming.StreamPayloads;

namespace OpenAiApi.Refit.Tests.Streaming;

/// <summary><see cref="OpenAIAssistantsClientOptions.StreamIdleTimeout"/> reaches the stream reader through the pipeline.</summary>
public sealed class ConfiguredIdleTimeoutTests : WireMockTestBase
{
    private readonly StubPrimaryHandler _stub = new();

    protected override void ConfigureOptions(OpenAIAssistantsClientOptions options) => options.StreamIdleTimeout = TimeSpan.FromMilliseconds(100);

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddHttpClient(OpenAIAssistantsServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _stub);

    [Test]
    public async Task CreateRunStreamingAsync_WithoutStreamOptions_UsesTheConfiguredStreamIdleTimeout()
    {
        var body = new ControlledSseStream();
        _stub.Respond = _ => StubPrimaryHandler.EventStream(body);
        body.Write(Sse(("thread.run.created", Run("queued"))));

        var ex = Assert.ThrowsAsync<OpenAITimeoutException>(async () =>
        {
            await foreach (RunStreamEvent _ in Runs.CreateRunStreamingAsync("thread_s1", new RunCreationOptions("asst_s1")))
            {
            }
        });

        Assert.That(ex!.Message, Does.Contain("0.1 s"));
        await body.Disposed.WaitAsync(TimeSpan.FromSeconds(10));
    }
}
