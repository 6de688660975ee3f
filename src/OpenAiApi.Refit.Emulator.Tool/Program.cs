using OpenAiApi.Refit.Emulator.Hosting;
using OpenAiApi.Refit.Emulator.State.Sqlite;

namespace OpenAiApi.Refit.Emulator;

/// <summary>The standalone emulator, the <c>assistants-emulator</c> tool: <c>assistants-emulator --urls http://127.0.0.1:5080</c>
/// (from the repository: <c>dotnet run --project src/OpenAiApi.Refit.Emulator.Tool -- --urls http://127.0.0.1:5080</c>).</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (!EmulatorCommandLine.TryParse(args, out AssistantsEmulatorOptions options, out string[] rest, out string? error))
        {
            await Console.Error.WriteLineAsync(error is null ? EmulatorCommandLine.Usage : error + Environment.NewLine + Environment.NewLine + EmulatorCommandLine.Usage);
            return error is null ? 0 : 2;
        }

        WebApplication app;
        EmulatorRuntime runtime;
        try
        {
            (app, runtime) = EmulatorHost.BuildStandalone(options, rest);
        }
        catch (EmulatorDataFileException ex)
        {
            await Console.Error.WriteLineAsync("error: " + ex.Message);
            return 1;
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        using (runtime)
        await using (app)
        {
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                foreach (string address in app.Urls)
                {
                    Console.WriteLine($"Assistants emulator: base address {address.TrimEnd('/')}/v1/ (key: {(string.IsNullOrEmpty(options.ApiKey) ? "any" : options.ApiKey)})");
                }

                Console.WriteLine($"Assistants emulator: runs are answered by {runtime.Backend}");
                Console.WriteLine(options.Timing.TransitionDelay == TimeSpan.Zero && options.Timing.StreamEventDelay == TimeSpan.Zero
                    ? "Assistants emulator: instant timing (--timing realistic paces runs and streams for demos)"
                    : "Assistants emulator: realistic timing (runs and streams paced for demos)");
                Console.WriteLine(options.DataPath is null
                    ? "Assistants emulator: state in memory (gone when the process ends; --data PATH keeps it)"
                    : $"Assistants emulator: state in {Path.GetFullPath(options.DataPath)}");
            });
            await app.RunAsync();
        }

        return 0;
    }
}
