using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NUnit.Framework;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.PipelinePayloads;
using static OpenAiApi.Refit.Tests.Pipeline.PipelineTestSupport;
using OpenAiApi.Refit.Testing;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Pipeline;

/// <summary>
/// Rows 37 and 38: configuration that would put something hostile on the wire. Header values (the key, a provider's key, the
/// organization, the project, the beta header, the Azure key and token) are trimmed and must be printable ASCII, so no CR, LF, NUL
/// or non-ASCII character ever reaches a request head; user info in an address is refused and never printed. Against a raw socket
/// server on 127.0.0.1 that keeps every request head exactly as it arrived.
/// </summary>
public sealed class HostileConfigurationTests
{
    private const string Secret = "sk-test-SECRET-key";

    private static IEnumerable<TestCaseData> HostileOptionValues()
    {
        foreach ((string label, string value) in HostileValues())
        {
            yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.ApiKey = Secret + value), "ApiKey").SetArgDisplayNames("ApiKey " + label);
            yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.Organization = "org-1" + value), "Organization").SetArgDisplayNames("Organization " + label);
            yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.Project = "proj-1" + value), "Project").SetArgDisplayNames("Project " + label);
            yield return new TestCaseData((Action<OpenAIAssistantsClientOptions>)(o => o.BetaHeader = "assistants=v2" + value), "BetaHeader").SetArgDisplayNames("BetaHeader " + label);
        }
    }

    private static IEnumerable<(string Label, string Value)> HostileValues()
    {
        yield return ("CRLF header", "\r\nX-Injected: yes");
        yield return ("CRLF request", "\r\n\r\nGET /v1/evil HTTP/1.1\r\nHost: x");
        yield return ("LF", "\nX-Injected: yes");
        yield return ("NUL", "\0x");
        yield return ("tab inside", "\tx");
        yield return ("DEL", "\u007fx");
        yield return ("non-ASCII", "é");
        yield return ("non-ASCII 2", "\u2028x");
    }

    [TestCaseSource(nameof(HostileOptionValues))]
    [Property("ReliabilityRow", "37")]
    public async Task HeaderOptionWithControlOrNonAsciiCharacters_FailsValidationNamingItAndNothingIsSent(
        Action<OpenAIAssistantsClientOptions> breakIt, string option)
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson));
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o =>
        {
            o.ApiKey = Secret;
            breakIt(o);
        });

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAssistantsApi>());
        var facade = Assert.Throws<OptionsValidationException>(() =>
        {
            var options = new OpenAIAssistantsClientOptions { ApiKey = Secret, BaseAddress = server.BaseAddress };
            breakIt(options);
            using var client = new OpenAIAssistantsClient(options);
        });

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain("OpenAIAssistantsClientOptions." + option).And.Contain("printable ASCII"));
            Assert.That(ex.Message, Does.Not.Contain(Secret).And.Not.Contain("X-Injected").And.Not.Contain("evil"));
            Assert.That(facade!.Message, Does.Contain("OpenAIAssistantsClientOptions." + option));
            Assert.That(server.Requests, Is.Zero);
        });
    }

    [TestCase("\n")]
    [TestCase("\r\n")]
    [TestCase("  \r\n")]
    [TestCase("\t")]
    [Property("ReliabilityRow", "37")]
    public async Task KeyAndOrganizationWithSurroundingWhitespace_AreSentTrimmedOnOneLineEach(string around)
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson));
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o =>
        {
            o.ApiKey = around + Secret + around; // as read from a file or an environment variable
            o.Organization = "org-1" + around;
            o.Project = around + "proj-1";
        });

        AssertAssistant(await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));

        Assert.That(server.RequestHeads, Has.Count.EqualTo(1));
        string[] lines = server.RequestHeads[0].Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Is.EqualTo("GET /v1/assistants/asst_abc123 HTTP/1.1"));
            Assert.That(lines, Has.One.EqualTo("Authorization: Bearer " + Secret));
            Assert.That(lines, Has.One.EqualTo("OpenAI-Organization: org-1"));
            Assert.That(lines, Has.One.EqualTo("OpenAI-Project: proj-1"));
            Assert.That(server.RequestHeads[0], Does.Not.Contain("\n\n").And.Not.Contain("\t"));
        });
    }

    private static IEnumerable<TestCaseData> HostileProviders()
    {
        foreach ((string label, string value) in HostileValues())
        {
            yield return new TestCaseData("openai", value).SetArgDisplayNames("ApiKeyProvider " + label);
            yield return new TestCaseData("azure-key", value).SetArgDisplayNames("Azure ApiKeyProvider " + label);
            yield return new TestCaseData("azure-token", value).SetArgDisplayNames("AzureTokenProvider " + label);
        }
    }

    [TestCaseSource(nameof(HostileProviders))]
    [Property("ReliabilityRow", "37")]
    public async Task ProviderReturningAnUnsendableValue_FailsTheCallAtOnceWithoutRetryOrRequest(string profile, string value)
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson));
        int asked = 0;
        ValueTask<string> Provide(CancellationToken _)
        {
            Interlocked.Increment(ref asked);
            return ValueTask.FromResult(Secret + value);
        }

        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o =>
        {
            o.ApiKey = null;
            if (profile == "openai")
            {
                o.ApiKeyProvider = Provide;
            }
            else
            {
                o.UseAzure(new Uri(server.BaseAddress.GetLeftPart(UriPartial.Authority)), "2024-05-01-preview");
                if (profile == "azure-key")
                {
                    o.ApiKeyProvider = Provide;
                }
                else
                {
                    o.AzureTokenProvider = Provide;
                }
            }
        });
        IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();

        var ex = Assert.ThrowsAsync<InvalidOperationException>(async () => await assistants.GetAssistantAsync("asst_abc123"));

        Assert.Multiple(() =>
        {
            Assert.That(ex!.Message, Does.Contain(profile == "azure-token" ? "AzureTokenProvider" : "ApiKeyProvider").And.Contain("no request was sent"));
            Assert.That(ex.ToString(), Does.Not.Contain(Secret).And.Not.Contain("X-Injected"));
            Assert.That(asked, Is.EqualTo(1), "a configuration error is not retried");
            Assert.That(server.Connections, Is.Zero, "nothing reached the wire");
        });
    }

    [Test]
    [Property("ReliabilityRow", "37")]
    public async Task ProviderKeyWithATrailingLineBreak_IsSentTrimmed()
    {
        await using var server = ScriptedHttpServer.Start(e => e.WriteJsonAsync(AssistantJson));
        await using ServiceProvider provider = BuildProvider(server.BaseAddress, new TestClock(), o =>
        {
            o.ApiKey = null;
            o.ApiKeyProvider = _ => ValueTask.FromResult(Secret + "\r\n");
        });

        AssertAssistant(await provider.GetRequiredService<IAssistantsApi>().GetAssistantAsync("asst_abc123"));

        Assert.That(server.RequestHeads.Single().Split("\r\n"), Has.One.EqualTo("Authorization: Bearer " + Secret));
    }

    [TestCase("ApiKey")]
    [TestCase("Organization")]
    [Property("ReliabilityRow", "37")]
    public void NonAsciiKeyOrOrganization_IsAConfigurationErrorNotAConnectionError(string option)
    {
        var options = new OpenAIAssistantsClientOptions { ApiKey = Secret, BaseAddress = new Uri("http://127.0.0.1:9/v1/") };
        if (option == "ApiKey")
        {
            options.ApiKey = "sk-tëst-key";
        }
        else
        {
            options.Organization = "org-äöü";
        }

        var ex = Assert.Throws<OptionsValidationException>(() => new OpenAIAssistantsClient(options).Dispose());

        Assert.That(ex!.Message, Does.Contain("OpenAIAssistantsClientOptions." + option).And.Not.Contain("tëst"));
    }

    private static IEnumerable<TestCaseData> AddressesWithUserInfo()
    {
        yield return new TestCaseData("https://user:hunter2pass@api.example.com/v1/", "BaseAddress").SetArgDisplayNames("https base address");
        yield return new TestCaseData("http://user:hunter2pass@127.0.0.1:5080/v1/", "BaseAddress").SetArgDisplayNames("loopback base address");
        yield return new TestCaseData("https://hunter2pass@api.example.com/v1/", "BaseAddress").SetArgDisplayNames("user only");
        yield return new TestCaseData("http://user:hunter2pass@api.example.com/v1/", "https").SetArgDisplayNames("http non-loopback");
        yield return new TestCaseData("https://user:hunter2pass@res.openai.azure.com/", "AzureEndpoint").SetArgDisplayNames("azure endpoint");
    }

    [TestCaseSource(nameof(AddressesWithUserInfo))]
    [Property("ReliabilityRow", "38")]
    public void AddressWithUserInfo_IsRefusedWithoutPrintingThePassword(string address, string named)
    {
        var options = new OpenAIAssistantsClientOptions { ApiKey = Secret };
        if (named == "AzureEndpoint")
        {
            options.UseAzure(new Uri(address), "2024-05-01-preview");
        }
        else
        {
            options.BaseAddress = new Uri(address);
        }

        var facade = Assert.Throws<OptionsValidationException>(() => new OpenAIAssistantsClient(options).Dispose());
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.ApiKey = Secret;
            o.BaseAddress = options.BaseAddress;
            o.AzureEndpoint = options.AzureEndpoint;
            o.AzureApiVersion = options.AzureApiVersion;
        });
        using ServiceProvider provider = services.BuildServiceProvider();
        var resolved = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IAssistantsApi>());

        Assert.Multiple(() =>
        {
            Assert.That(facade!.Message, Does.Contain(named));
            Assert.That(resolved!.Message, Does.Contain(named));
            Assert.That(facade.ToString() + resolved.ToString(), Does.Not.Contain("hunter2pass"));
            Assert.That(options.ToString(), Does.Not.Contain("hunter2pass").And.Not.Contain("user:"), "ToString of options not validated yet");
        });
    }

    [Test]
    [Property("ReliabilityRow", "38")]
    public void UserInfoPrintedNowhere_ApiUnavailableExceptionRedactsItsBaseAddress()
    {
        var details = new OpenAIErrorDetails
        {
            StatusCode = System.Net.HttpStatusCode.NotFound,
            RequestPath = "/v1/assistants",
        };

        var ex = new AssistantsApiUnavailableException(details, new Uri("https://user:hunter2pass@api.example.com/v1/"));

        Assert.Multiple(() =>
        {
            Assert.That(ex.Message, Does.Contain("https://api.example.com/v1/").And.Not.Contain("hunter2pass"));
            Assert.That(ex.BaseAddress, Is.EqualTo(new Uri("https://api.example.com/v1/")));
        });
    }
}
