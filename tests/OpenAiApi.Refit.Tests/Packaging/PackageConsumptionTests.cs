using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Packaging;

/// <summary>
/// Packs the library with <c>dotnet pack</c> into a temporary folder feed, checks the package's contents and metadata, then builds and
/// runs a tiny console app that references the package by version from that feed. A dependency missing from the package fails the
/// app's restore, build or run. The app restores with the machine's NuGet sources and its global packages folder as a fallback (so
/// it works offline once the solution is restored) and its own packages folder (so no stale copy of the package is ever used).
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class PackageConsumptionTests
{
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot() => _root = Directory.CreateTempSubdirectory("openairefit-pack-").FullName;

    [OneTimeTearDown]
    public void DeleteRoot()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
    }

    [Test]
    [CancelAfter(170_000)]
    public async Task Pack_ThenConsumeFromAFolderFeed_BuildsAndRunsAnAppAgainstThePackage(CancellationToken cancellationToken)
    {
        string version = "0.0.0-packagetest." + Guid.NewGuid().ToString("N")[..8];
        string feed = Path.Combine(_root, "feed");
        string project = Path.Combine(RepositoryRoot(), "src", "OpenAiApi.Refit", "OpenAiApi.Refit.csproj");

        // Own output folders, so this never writes where the test run's builds write; --no-restore: the solution restore made the assets.
        await RunAsync(
            ["pack", project, "-c", "Release", "--no-restore", "-o", feed, $"-p:Version={version}",
             $"-p:OutputPath={Path.Combine(_root, "bin")}/", $"-p:IntermediateOutputPath={Path.Combine(_root, "obj")}/"],
            _root, cancellationToken);

        string nupkg = Path.Combine(feed, $"OpenAiApi.Refit.{version}.nupkg");
        string snupkg = Path.Combine(feed, $"OpenAiApi.Refit.{version}.snupkg");
        Assert.That(File.Exists(nupkg), Is.True, "the package was created");
        Assert.That(File.Exists(snupkg), Is.True, "the symbols package was created");
        AssertPackageContents(nupkg, snupkg, version);

        string app = WriteConsumer(version, feed);
        string output = await RunAsync(["run", "--project", app, "-c", "Release"], app, cancellationToken);

        Assert.That(output, Does.Contain("CONSUMER-OK OpenAIConnectionException"), "the app resolved the four interfaces and the pipeline translated a failure");
    }

    private static void AssertPackageContents(string nupkg, string snupkg, string version)
    {
        using ZipArchive package = ZipFile.OpenRead(nupkg);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];
        ZipArchiveEntry nuspecEntry = package.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        XDocument nuspec;
        using (Stream stream = nuspecEntry.Open())
        {
            nuspec = XDocument.Load(stream);
        }

        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        string[] dependencies = [.. metadata.Descendants(ns + "dependency").Select(d => (string)d.Attribute("id")!)];
        Assert.Multiple(() =>
        {
            Assert.That(entries, Does.Contain("lib/net10.0/OpenAiApi.Refit.dll"));
            Assert.That(entries, Does.Contain("lib/net10.0/OpenAiApi.Refit.xml"), "XML docs");
            Assert.That(entries, Does.Contain("README.md"));
            Assert.That((string?)metadata.Element(ns + "id"), Is.EqualTo("OpenAiApi.Refit"));
            Assert.That((string?)metadata.Element(ns + "version"), Is.EqualTo(version));
            Assert.That((string?)metadata.Element(ns + "description"), Does.Contain("Assistants API"));
            Assert.That((string?)metadata.Element(ns + "tags"), Does.Contain("openai").And.Contain("assistants").And.Contain("refit"));
            Assert.That((string?)metadata.Element(ns + "license"), Is.EqualTo("MIT"));
            Assert.That((string?)metadata.Element(ns + "license")?.Attribute("type"), Is.EqualTo("expression"));
            Assert.That((string?)metadata.Element(ns + "readme"), Is.EqualTo("README.md"));
            Assert.That(metadata.Element(ns + "repository")?.Attribute("commit"), Is.Not.Null, "SourceLink recorded the commit");
            Assert.That(dependencies, Is.SupersetOf(new[] { "Refit", "Refit.HttpClientFactory", "Polly.Extensions.Http", "Microsoft.Extensions.Http.Polly", "Microsoft.Extensions.AI" }));
        });

        using ZipArchive symbols = ZipFile.OpenRead(snupkg);
        Assert.That(symbols.Entries.Select(e => e.FullName), Does.Contain("lib/net10.0/OpenAiApi.Refit.pdb"));
    }

    private string WriteConsumer(string version, string feed)
    {
        string app = Path.Combine(_root, "consumer");
        Directory.CreateDirectory(app);
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(_root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
              <packageSources>
                <add key="packagetest-feed" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        // Empty Directory.Build.* files stop the repository's (central versions, analyzers) from applying if the temp folder is ever inside it.
        File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(app, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OpenAiApi.Refit" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using Microsoft.Extensions.DependencyInjection;
            using OpenAiApi.Refit;
            using OpenAiApi.Refit.Diagnostics;
            using OpenAiApi.Refit.Exceptions;

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
            try
            {
                await assistants.WithResponseAsync(a => a.ListAssistantsAsync());
                Console.WriteLine("CONSUMER-UNEXPECTED success");
                return 1;
            }
            catch (OpenAIConnectionException ex)
            {
                Console.WriteLine($"CONSUMER-OK {ex.GetType().Name} {OpenAIAssistantsTelemetry.ActivitySourceName}");
                return 0;
            }
            """);
        return app;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OpenAiApi.Refit.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (OpenAiApi.Refit.sln) was not found above " + TestContext.CurrentContext.TestDirectory);
    }

    /// <summary>Runs the dotnet CLI with a clean MSBuild environment (the test host's variables would leak into the child build), no
    /// build servers left behind, and returns its output; fails the test with the output when the exit code is not 0.</summary>
    private static async Task<string> RunAsync(string[] arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("-nodeReuse:false");
        start.ArgumentList.Add("-p:UseSharedCompilation=false");
        foreach (string name in start.Environment.Keys.ToList())
        {
            if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                || name.Equals("MSBuildExtensionsPath", StringComparison.OrdinalIgnoreCase) || name.Equals("MSBuildSDKsPath", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        Task readOut = PumpAsync(process.StandardOutput, output);
        Task readErr = PumpAsync(process.StandardError, output);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(readOut, readErr);
        string text = output.ToString();
        Assert.That(process.ExitCode, Is.Zero, $"dotnet {string.Join(' ', arguments)} failed:\n{text}");
        return text;
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder into)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lock (into)
            {
                into.AppendLine(line);
            }
        }
    }
}
