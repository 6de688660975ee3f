using Microsoft.Extensions.DependencyInjection;
using NUnit.Framework;
using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Testing;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>The seam between the helpers and the pipeline: every client the registration creates carries the registration's context,
/// a client built elsewhere (a mock) gets the defaults, and a Refit registration of another shape fails at once.</summary>
public sealed class ClientContextTests
{
    [Test]
    public void RegisteredClients_CarryTheRegistrationsContext_WithItsClock()
    {
        var clock = new TestClock();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddOpenAIAssistants(o => { o.ApiKey = "test-key"; o.StreamIdleTimeout = TimeSpan.FromSeconds(7); });
        using ServiceProvider provider = services.BuildServiceProvider();

        OpenAIClientContext runs = OpenAIClientContext.For(provider.GetRequiredService<IRunsApi>());
        OpenAIClientContext threads = OpenAIClientContext.For(provider.GetRequiredService<IThreadsApi>());

        Assert.Multiple(() =>
        {
            Assert.That(runs, Is.Not.SameAs(OpenAIClientContext.Default));
            Assert.That(threads, Is.SameAs(runs), "one context per registration");
            Assert.That(runs.TimeProvider, Is.SameAs(clock));
            Assert.That(runs.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromSeconds(7)));
            Assert.That(runs.Errors.BaseAddress, Is.EqualTo(new Uri(OpenAIAssistantsClientOptions.DefaultBaseAddress)));
        });
    }

    [Test]
    public void AClientNotBuiltByTheRegistration_GetsTheDefaults()
    {
        OpenAIClientContext context = OpenAIClientContext.For(new object());

        Assert.Multiple(() =>
        {
            Assert.That(context, Is.SameAs(OpenAIClientContext.Default));
            Assert.That(context.TimeProvider, Is.SameAs(TimeProvider.System));
            Assert.That(context.StreamIdleTimeout, Is.EqualTo(OpenAIAssistantsClientOptions.DefaultStreamIdleTimeout));
            Assert.That(context.StreamIdleTimeout, Is.EqualTo(TimeSpan.FromSeconds(90)));
            Assert.That(context.Errors.BaseAddress, Is.Null);
        });
    }

    [Test]
    public void AttachContext_InterfaceNotRegisteredByAFactory_FailsLoudly()
    {
        IServiceCollection services = new ServiceCollection();
        services.Add(ServiceDescriptor.Singleton(typeof(IRunsApi), typeof(object)));

        var ex = Assert.Throws<InvalidOperationException>(() => OpenAIAssistantsRegistration.AttachContext<IRunsApi>(services));

        Assert.That(ex!.Message, Does.Contain(nameof(IRunsApi)));
    }
}
