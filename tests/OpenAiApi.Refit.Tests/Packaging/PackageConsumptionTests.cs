using System.IO.Compression;
using System.Xml.Linq;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Packaging;

/// <summary>
/// Checks the packages' contents and metadata, then builds and runs a consumer's own NUnit test project that references the library
/// and the emulator by version from the temporary folder feed (<see cref="PackageFeed"/>): one test resolves the client and gets a
/// typed failure, the other starts <c>AssistantsEmulator</c> in-process and runs a conversation through the client. A dependency
/// or framework reference missing from a package fails the consumer's restore, build or tests.
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class PackageConsumptionTests
{
    [Test]
    [CancelAfter(600_000)]
    public async Task LibraryPackage_HasTheAssemblyDocsReadmeLicenceSourceLinkAndDependencies(CancellationToken cancellationToken)
    {
        string nupkg = await PackageFeed.GetPackageAsync(PackageFeed.LibraryId, cancellationToken);
        string snupkg = await PackageFeed.GetPackageAsync(PackageFeed.LibraryId, cancellationToken, "snupkg");

        (string[] entries, XElement metadata, XNamespace ns) = ReadPackage(nupkg);
        string[] dependencies = [.. metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!)];
        Assert.Multiple(() =>
        {
            AssertCommonMetadata(entries, metadata, ns, PackageFeed.LibraryId, "lib/net10.0/OpenAiApi.Refit");
            Assert.That((string?)metadata.Element(ns + "description"), Does.Contain("Assistants API"));
            Assert.That((string?)metadata.Element(ns + "tags"), Does.Contain("openai").And.Contain("assistants").And.Contain("refit"));
            Assert.That(dependencies, Is.SupersetOf(new[] { "Refit", "Refit.HttpClientFactory", "Polly.Extensions.Http", "Microsoft.Extensions.Http.Polly", "Microsoft.Extensions.AI" }));
        });

        using ZipArchive symbols = ZipFile.OpenRead(snupkg);
        Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/OpenAiApi.Refit.pdb"));
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task EmulatorPackage_IsALibraryThatBringsAspNetCoreAndDependsOnTheClientPackage(CancellationToken cancellationToken)
    {
        string nupkg = await PackageFeed.GetPackageAsync(PackageFeed.EmulatorId, cancellationToken);
        string snupkg = await PackageFeed.GetPackageAsync(PackageFeed.EmulatorId, cancellationToken, "snupkg");

        (string[] entries, XElement metadata, XNamespace ns) = ReadPackage(nupkg);
        XElement? client = metadata.Descendants(ns + "dependency").SingleOrDefault(d => (string?)d.Attribute("id") == PackageFeed.LibraryId);
        string[] frameworkReferences = [.. metadata.Descendants(ns + "frameworkReference").Select(f => (string)f.Attribute("name")!)];
        Assert.Multiple(() =>
        {
            AssertCommonMetadata(entries, metadata, ns, PackageFeed.EmulatorId, "lib/net10.0/OpenAiApi.Refit.Emulator");
            Assert.That(metadata.Element(ns + "packageTypes"), Is.Null, "a plain dependency package, referenceable by PackageReference");
            Assert.That(frameworkReferences, Is.EqualTo(new[] { "Microsoft.AspNetCore.App" }), "the consumer's test project gets ASP.NET Core");
            Assert.That((string?)client?.Attribute("version"), Is.EqualTo(PackageFeed.Version), "it depends on the client package of the same version");
            Assert.That(entries, Has.None.EndsWith("OpenAiApi.Refit.Emulator.Tool.dll"), "the tool is a package of its own");
        });

        using ZipArchive symbols = ZipFile.OpenRead(snupkg);
        Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/OpenAiApi.Refit.Emulator.pdb"));
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task ConsumerTestProject_ReferencingThePackagesFromTheFeed_StartsTheEmulatorAndCallsItThroughTheClient(CancellationToken cancellationToken)
    {
        await PackageFeed.GetPackageAsync(PackageFeed.LibraryId, cancellationToken);
        await PackageFeed.GetPackageAsync(PackageFeed.EmulatorId, cancellationToken);
        string project = WriteConsumerTests();

        string output = await DotnetCli.RunAsync(["test", project, "-c", "Release", "--logger", "console;verbosity=normal"], project, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(output, Does.Contain("CONSUMER-OK client OpenAIConnectionException"), "the four interfaces resolved and the pipeline translated a failure");
            Assert.That(output, Does.Contain("CONSUMER-OK emulator Echo: Hello from a package consumer"), "the emulator ran a conversation through the client");
            Assert.That(output, Does.Match(@"Passed:\s+2"), "both of the consumer's tests passed");
        });
    }

    private static (string[] Entries, XElement Metadata, XNamespace Ns) ReadPackage(string nupkg)
    {
        using ZipArchive package = ZipFile.OpenRead(nupkg);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];
        ZipArchiveEntry nuspecEntry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using Stream stream = nuspecEntry.Open();
        XDocument nuspec = XDocument.Load(stream);
        XNamespace ns = nuspec.Root!.Name.Namespace;
        return (entries, nuspec.Root.Element(ns + "metadata")!, ns);
    }

    /// <summary>What every package of the repository has: its assembly with XML docs, the README, the MIT licence expression, the
    /// authors, and the commit recorded by SourceLink.</summary>
    internal static void AssertCommonMetadata(string[] entries, XElement metadata, XNamespace ns, string id, string assemblyPath)
    {
        Assert.That(entries, Does.Contain(assemblyPath + ".dll"));
        Assert.That(entries, Does.Contain(assemblyPath + ".xml"), "XML docs");
        Assert.That(entries, Does.Contain("README.md"));
        Assert.That((string?)metadata.Element(ns + "id"), Is.EqualTo(id));
        Assert.That((string?)metadata.Element(ns + "version"), Is.EqualTo(PackageFeed.Version));
        Assert.That((string?)metadata.Element(ns + "authors"), Is.EqualTo("OpenAiApi.Refit contributors"));
        Assert.That((string?)metadata.Element(ns + "license"), Is.EqualTo("MIT"));
        Assert.That((string?)metadata.Element(ns + "license")?.Attribute("type"), Is.EqualTo("expression"));
        Assert.That((string?)metadata.Element(ns + "readme"), Is.EqualTo("README.md"));
        Assert.That(metadata.Element(ns + "repository")?.Attribute("commit"), Is.Not.Null, "SourceLink recorded the commit");
    }

    /// <summary>A consumer's own NUnit project (plain <c>Microsoft.NET.Sdk</c>, no web SDK, no framework reference of its own).</summary>
    private static string WriteConsumerTests()
    {
        string project = Path.Combine(PackageFeed.Root, "consumer-tests");
        PackageFeed.WriteIsolatedNuGetConfig(project);
        File.WriteAllText(Path.Combine(project, "Consumer.Tests.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <IsTestProject>true</IsTestProject>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="{PackageFeed.LibraryId}" Version="{PackageFeed.Version}" />
                <PackageReference Include="{PackageFeed.EmulatorId}" Version="{PackageFeed.Version}" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="{PackageFeed.CentralVersion("Microsoft.NET.Test.Sdk")}" />
                <PackageReference Include="NUnit" Version="{PackageFeed.CentralVersion("NUnit")}" />
                <PackageReference Include="NUnit3TestAdapter" Version="{PackageFeed.CentralVersion("NUnit3TestAdapter")}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(project, "ConsumerTests.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using NUnit.Framework;
            using OpenAiApi.Refit;
            using OpenAiApi.Refit.Diagnostics;
            using OpenAiApi.Refit.Emulator;
            using OpenAiApi.Refit.Models;

            public sealed class ConsumerTests
            {
                [Test]
                public async Task Client_ResolvesAndTranslatesAFailure()
                {
                    var services = new ServiceCollection();
                    services.AddOpenAIAssistants(o =>
                    {
                        o.ApiKey = "package-test";
                        o.BaseAddress = new Uri("http://127.0.0.1:9/v1/"); // discard port: nothing listens, the connection is refused
                        o.MaxRetries = 0;
                    });
                    await using ServiceProvider provider = services.BuildServiceProvider();
                    _ = provider.GetRequiredService<IThreadsApi>();
                    _ = provider.GetRequiredService<IMessagesApi>();
                    _ = provider.GetRequiredService<IRunsApi>();
                    IAssistantsApi assistants = provider.GetRequiredService<IAssistantsApi>();
                    var ex = Assert.ThrowsAsync<OpenAIConnectionException>(async () => await assistants.WithResponseAsync(a => a.ListAssistantsAsync()));
                    TestContext.Out.WriteLine($"CONSUMER-OK client {ex!.GetType().Name} {OpenAIAssistantsTelemetry.ActivitySourceName}");
                }

                [Test]
                public async Task Emulator_StartsInProcess_AndAnswersThroughTheClient()
                {
                    await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync();
                    await using var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions { BaseAddress = emulator.BaseAddress, ApiKey = emulator.ApiKey });
                    Assistant assistant = await client.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"));
                    AssistantThread thread = await client.Threads.CreateThreadAsync();
                    await client.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("Hello from a package consumer"));
                    ThreadRun run = await client.Runs.CreateRunAndWaitAsync(thread.Id, new RunCreationOptions(assistant.Id));
                    CursorPage<ThreadMessage> messages = await client.Messages.ListMessagesAsync(thread.Id);
                    Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
                    TestContext.Out.WriteLine($"CONSUMER-OK emulator {messages.Data[0].Text}");
                }
            }
            """);
        return project;
    }
}
