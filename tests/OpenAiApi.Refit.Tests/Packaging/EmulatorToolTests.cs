using System.Diagnostics;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;
using System.Xml.Linq;
using NUnit.Framework;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Tests.Packaging;

/// <summary>
/// The emulator as a .NET tool, the way a user gets it: <c>dotnet tool install --tool-path &lt;temp&gt;</c> from the folder feed
/// (<see cref="PackageFeed"/>), then the <c>assistants-emulator</c> command started on 127.0.0.1 with a key of its own, a conversation
/// run against it through the client, and a graceful stop (SIGTERM, exit code 0).
/// </summary>
[TestFixture]
[Category("Packaging")]
[NonParallelizable]
public sealed class EmulatorToolTests
{
    private const string Command = "assistants-emulator";

    [Test]
    [CancelAfter(600_000)]
    public async Task ToolPackage_IsADotnetToolWithTheAssistantsEmulatorCommand(CancellationToken cancellationToken)
    {
        string nupkg = await PackageFeed.GetPackageAsync(PackageFeed.ToolId, cancellationToken);

        using ZipArchive package = ZipFile.OpenRead(nupkg);
        string[] entries = [.. package.Entries.Select(e => e.FullName)];
        XDocument nuspec = Load(package, ".nuspec");
        XNamespace ns = nuspec.Root!.Name.Namespace;
        XElement metadata = nuspec.Root.Element(ns + "metadata")!;
        XDocument settings = Load(package, "DotnetToolSettings.xml");
        Assert.Multiple(() =>
        {
            Assert.That(metadata.Descendants(ns + "packageType").Select(t => (string?)t.Attribute("name")), Is.EqualTo(new[] { "DotnetTool" }));
            Assert.That(settings.Descendants("Command").Select(c => (string?)c.Attribute("Name")), Is.EqualTo(new[] { Command }));
            Assert.That(entries, Does.Contain("tools/net10.0/any/OpenAiApi.Refit.Emulator.Tool.dll"));
            Assert.That(entries, Does.Contain("tools/net10.0/any/OpenAiApi.Refit.Emulator.dll"), "the tool carries the emulator");
            Assert.That(entries, Does.Contain("tools/net10.0/any/OpenAiApi.Refit.dll"), "and the client models it serves");
            Assert.That(entries, Does.Contain("README.md"));
            Assert.That((string?)metadata.Element(ns + "license"), Is.EqualTo("MIT"));
            Assert.That((string?)metadata.Element(ns + "authors"), Is.EqualTo("OpenAiApi.Refit contributors"));
            Assert.That(metadata.Element(ns + "repository")?.Attribute("commit"), Is.Not.Null, "SourceLink recorded the commit");
        });
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task InstalledTool_StartsOnLoopback_ServesTheClient_AndStopsOnSigterm(CancellationToken cancellationToken)
    {
        await PackageFeed.GetPackageAsync(PackageFeed.ToolId, cancellationToken);
        string workDirectory = Path.Combine(PackageFeed.Root, "tool-install");
        string config = PackageFeed.WriteIsolatedNuGetConfig(workDirectory);
        string toolPath = Path.Combine(PackageFeed.Root, "tools");

        await DotnetCli.RunAsync(
            ["tool", "install", PackageFeed.ToolId, "--version", PackageFeed.Version, "--tool-path", toolPath, "--configfile", config,
             "--add-source", PackageFeed.Feed],
            workDirectory, cancellationToken, msbuild: false);

        string executable = Path.Combine(toolPath, OperatingSystem.IsWindows() ? Command + ".exe" : Command);
        Assert.That(File.Exists(executable), Is.True, $"the tool installed the {Command} command");
        ProcessStartInfo start = DotnetCli.CreateStartInfo(executable, workDirectory);
        foreach (string argument in (string[])["--urls", "http://127.0.0.1:0", "--timing", "instant", "--api-key", "sk-tool-test"])
        {
            start.ArgumentList.Add(argument);
        }

        // The command is an apphost: it finds the runtime through DOTNET_ROOT when dotnet is not installed where it looks by default.
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ROOT")))
        {
            start.Environment["DOTNET_ROOT"] = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        }

        using Process process = Process.Start(start)!;
        var output = new StringBuilder();
        var address = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Task readOut = DotnetCli.PumpAsync(process.StandardOutput, output, line =>
        {
            const string marker = "base address ";
            int index = line.IndexOf(marker, StringComparison.Ordinal);
            if (index >= 0)
            {
                address.TrySetResult(line[(index + marker.Length)..].Split(' ')[0]);
            }
        });
        Task readErr = DotnetCli.PumpAsync(process.StandardError, output, onLine: null);
        try
        {
            Task exited = process.WaitForExitAsync(cancellationToken);
            Task first = await Task.WhenAny(address.Task, exited);
            Assert.That(first, Is.SameAs(address.Task), $"{Command} said where it listens:\n{output}");
            string baseAddress = await address.Task;
            Assert.That(baseAddress, Does.Match(@"^http://127\.0\.0\.1:\d+/v1/$"), "it listens on the loopback address only");

            await using var client = new OpenAIAssistantsClient(new OpenAIAssistantsClientOptions
            {
                BaseAddress = new Uri(baseAddress),
                ApiKey = "sk-tool-test",
                MaxRetries = 0,
            });
            Assistant assistant = await client.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o"), cancellationToken);
            AssistantThread thread = await client.Threads.CreateThreadAsync(cancellationToken: cancellationToken);
            await client.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User("Hello, tool"), cancellationToken);
            ThreadRun run = await client.Runs.CreateRunAndWaitAsync(thread.Id, new RunCreationOptions(assistant.Id), cancellationToken: cancellationToken);
            CursorPage<ThreadMessage> messages = await client.Messages.ListMessagesAsync(thread.Id, cancellationToken: cancellationToken);
            Assert.Multiple(() =>
            {
                Assert.That(run.Status, Is.EqualTo(RunStatus.Completed));
                Assert.That(messages.Data.Select(m => m.Text), Is.EqualTo(new[] { "Echo: Hello, tool", "Hello, tool" }));
            });

            if (OperatingSystem.IsWindows())
            {
                return; // no SIGTERM there; the finally kills it
            }

            Assert.That(Kill(process.Id, Sigterm), Is.Zero, "SIGTERM was sent");
            await exited;
            await Task.WhenAll(readOut, readErr);
            Assert.That(process.ExitCode, Is.Zero, $"{Command} stopped gracefully on SIGTERM:\n{output}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    private const int Sigterm = 15;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    private static XDocument Load(ZipArchive package, string nameEnd)
    {
        using Stream stream = package.Entries.Single(e => e.FullName.EndsWith(nameEnd, StringComparison.Ordinal)).Open();
        return XDocument.Load(stream);
    }
}
