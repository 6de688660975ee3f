using System.Diagnostics;
using System.Text;
using NUnit.Framework;

namespace OpenAiApi.Refit.Tests.Packaging;

/// <summary>Runs the dotnet CLI (and the tools it installs) for the packaging tests: a clean MSBuild environment (the test host's
/// variables would leak into the child build), no build servers left behind, output captured for the failure message.</summary>
internal static class DotnetCli
{
    /// <summary>Gets the dotnet executable running the tests (so the children use the same SDK), or <c>dotnet</c> from the PATH.</summary>
    public static string Executable { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>Runs <c>dotnet</c> with <paramref name="arguments"/> and returns its output; fails the test with the output when the
    /// exit code is not 0.</summary>
    public static async Task<string> RunAsync(string[] arguments, string workingDirectory, CancellationToken cancellationToken, bool msbuild = true)
    {
        ProcessStartInfo start = CreateStartInfo(Executable, workingDirectory);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (msbuild)
        {
            start.ArgumentList.Add("-nodeReuse:false");
            start.ArgumentList.Add("-p:UseSharedCompilation=false");
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        Task readOut = PumpAsync(process.StandardOutput, output, onLine: null);
        Task readErr = PumpAsync(process.StandardError, output, onLine: null);
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

    /// <summary>A start description with the environment cleaned of the test host's MSBuild and VSTest variables.</summary>
    public static ProcessStartInfo CreateStartInfo(string fileName, string workingDirectory)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
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
        return start;
    }

    /// <summary>Copies a reader's lines into <paramref name="into"/> (and to <paramref name="onLine"/>) until it ends.</summary>
    public static async Task PumpAsync(StreamReader reader, StringBuilder into, Action<string>? onLine)
    {
        string? line;
        while ((line = await reader.ReadLineAsync()) is not null)
        {
            lock (into)
            {
                into.AppendLine(line);
            }

            onLine?.Invoke(line);
        }
    }

    /// <summary>Finds the repository root (the folder of <c>OpenAiApi.Refit.sln</c>) above the test's folder.</summary>
    public static string RepositoryRoot()
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
}
