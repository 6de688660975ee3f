using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Facade;

/// <summary>The facade copies every option: a setting added to the options but forgotten in the copy fails here.</summary>
public sealed class FacadeOptionsTests
{
    [Test]
    public void Constructor_EverySettableOption_ReachesThePipelinesOptions()
    {
        var source = new OpenAIAssistantsClientOptions
        {
            ApiKey = "k1",
            ApiKeyProvider = _ => ValueTask.FromResult("k2"),
            BaseAddress = new Uri("https://assistants.example.com/v9/"),
            Organization = "org_1",
            Project = "proj_1",
            BetaHeader = "assistants=v3",
            MaxRetries = 5,
            RetryPostRequests = false,
            MaxRetryAfter = TimeSpan.FromSeconds(7),
            AttemptTimeout = TimeSpan.FromSeconds(8),
            StreamIdleTimeout = TimeSpan.FromSeconds(9),
            MaxErrorContentLength = 1234,
            MaxResponseContentLength = 123456,
            EnableContentLogging = true,
            MaxLoggedContentLength = 999,
            AzureEndpoint = new Uri("https://example.openai.azure.com/"),
            AzureApiVersion = "2024-05-01-preview",
            AzureTokenProvider = _ => ValueTask.FromResult("t"),
        };
        PropertyInfo[] settable = typeof(OpenAIAssistantsClientOptions).GetProperties().Where(p => p.CanWrite).ToArray();
        foreach (PropertyInfo property in settable)
        {
            Assert.That(property.GetValue(source), Is.Not.EqualTo(property.GetValue(new OpenAIAssistantsClientOptions())),
                $"the test must set {property.Name} to a non-default value");
        }

        using var client = new OpenAIAssistantsClient(source);
        OpenAIAssistantsClientOptions copied = GetOptions(client);

        foreach (PropertyInfo property in settable.Where(p => p.Name != nameof(OpenAIAssistantsClientOptions.BaseAddress)))
        {
            Assert.That(property.GetValue(copied), Is.EqualTo(property.GetValue(source)), property.Name);
        }

        // With the Azure profile the base address is derived from AzureEndpoint; without it, it is copied as given.
        Assert.That(copied.BaseAddress.AbsoluteUri, Does.StartWith("https://example.openai.azure.com/openai"));
        source.AzureEndpoint = null;
        source.AzureApiVersion = null;
        source.AzureTokenProvider = null;
        using var plain = new OpenAIAssistantsClient(source);
        Assert.That(GetOptions(plain).BaseAddress, Is.EqualTo(source.BaseAddress));
    }

    private static OpenAIAssistantsClientOptions GetOptions(OpenAIAssistantsClient client)
    {
        var services = (ServiceProvider)typeof(OpenAIAssistantsClient).GetField("_services", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(client)!;
        return services.GetRequiredService<IOptions<OpenAIAssistantsClientOptions>>().Value;
    }
}
