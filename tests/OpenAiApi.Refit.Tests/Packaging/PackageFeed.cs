using System.Xml.Linq;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Packaging;

/// <summary>
/// One <c>dotnet pack</c> for all the packaging tests: the library (<c>OpenAiApi.Refit</c>), the emulator library
/// (<c>OpenAiApi.Refit.Emulator</c>) and the emulator tool (<c>OpenAiApi.Refit.Emulator.Tool</c>) packed together, with a version of
/// their own, into a temporary folder feed. Built under its own artifacts path, so it never writes where the test run's builds write.
/// Packed on first use (a filtered run that skips the packaging tests packs nothing); deleted after the last packaging test.
/// </summary>
internal static class PackageFeed
{
    public const string LibraryId = "OpenAiApi.Refit";
    public const string EmulatorId = "OpenAiApi.Refit.Emulator";
    public const string ToolId = "OpenAiApi.Refit.Emulator.Tool";

    private static readonly Lazy<string> LazyRoot = new(() => Directory.CreateTempSubdirectory("openairefit-pack-").FullName);
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static bool _packed;

    /// <summary>Gets the version the packages are packed with (never one a real feed has).</summary>
    public static string Version { get; } = "0.0.0-packagetest." + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Gets the temporary folder of everything the packaging tests write.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Gets the folder feed holding the packages.</summary>
    public static string Feed => Path.Combine(Root, "feed");

    /// <summary>Returns the path of a package in the feed, packing the three packages first if that has not been done.</summary>
    public static async Task<string> GetPackageAsync(string id, CancellationToken cancellationToken, string extension = "nupkg")
    {
        await Gate.WaitAsync(cancellationToken);
        try
        {
            if (!_packed)
            {
                await PackAsync(cancellationToken);
                _packed = true;
            }
        }
        finally
        {
            Gate.Release();
        }

        string path = Path.Combine(Feed, $"{id}.{Version}.{extension}");
        Assert.That(File.Exists(path), Is.True, $"{Path.GetFileName(path)} was created");
        return path;
    }

    /// <summary>Writes a <c>nuget.config</c> (and empty <c>Directory.Build.*</c> files) into <paramref name="folder"/>: the feed as the
    /// only source, the machine's global packages folder as a fallback (so it works offline once the solution is restored), and a
    /// packages folder of its own (so no stale copy of the packages is ever used).</summary>
    /// <returns>The path of the <c>nuget.config</c>.</returns>
    public static string WriteIsolatedNuGetConfig(string folder)
    {
        Directory.CreateDirectory(folder);
        string machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        string config = Path.Combine(folder, "nuget.config");
        File.WriteAllText(config, $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <config>
                <add key="globalPackagesFolder" value="{Path.Combine(Root, "packages")}" />
              </config>
              <fallbackPackageFolders>
                <add key="machine" value="{machinePackages}" />
              </fallbackPackageFolders>
              <packageSources>
                <clear />
                <add key="packagetest-feed" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        // Empty Directory.Build.* files stop the repository's (central versions, analyzers) from applying if the temp folder is ever inside it.
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project />");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), "<Project />");
        return config;
    }

    /// <summary>Reads a package version from the repository's <c>Directory.Packages.props</c>, so the generated projects use what the
    /// solution restored.</summary>
    public static string CentralVersion(string id)
    {
        XDocument props = XDocument.Load(Path.Combine(DotnetCli.RepositoryRoot(), "Directory.Packages.props"));
        return props.Descendants("PackageVersion").Single(e => (string?)e.Attribute("Include") == id).Attribute("Version")!.Value;
    }

    /// <summary>Deletes the temporary folder (best effort).</summary>
    public static void Delete()
    {
        if (!LazyRoot.IsValueCreated)
        {
            return;
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a temp folder
        }
        catch (UnauthorizedAccessException)
        {
            // best effort: a temp folder
        }
    }

    private static async Task PackAsync(CancellationToken cancellationToken)
    {
        string repository = DotnetCli.RepositoryRoot();
        string[] projects = [LibraryId, EmulatorId, ToolId];
        string solution = Path.Combine(Root, "packages.slnx");
        File.WriteAllText(solution, "<Solution>\n" + string.Concat(projects.Select(p =>
            $"  <Project Path=\"{Path.GetRelativePath(Root, Path.Combine(repository, "src", p, p + ".csproj"))}\" />\n")) + "</Solution>\n");

        // One pack of the three projects (each built once); its own artifacts folder (restore included), nothing under the repository.
        await DotnetCli.RunAsync(
            ["pack", solution, "-c", "Release", "--artifacts-path", Path.Combine(Root, "artifacts"),
             $"-p:PackageOutputPath={Feed}", $"-p:Version={Version}"],
            Root, cancellationToken);
    }
}

/// <summary>Deletes the packaging tests' temporary folder after the last of them.</summary>
[SetUpFixture]
public sealed class PackagingCleanup
{
    [OneTimeTearDown]
    public void DeleteFeed() => PackageFeed.Delete();
}
