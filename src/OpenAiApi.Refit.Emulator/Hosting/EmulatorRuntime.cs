using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Runs;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Emulator.State.Sqlite;

namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>The parts one emulator instance shares between requests (store, run engine, faults), built and recovered at start
/// and registered in the app's services, where the endpoints and middleware take them from. Disposing it closes the store.</summary>
internal sealed class EmulatorRuntime : IDisposable
{
    public EmulatorRuntime(AssistantsEmulatorOptions options)
    {
        Options = options;
        Store = options.DataPath is null ? new InMemoryEmulatorStore() : SqliteEmulatorStore.Open(options.DataPath);
        Faults = new FaultInjector();
        Engine = new RunEngine(options, Store, Faults);
        foreach (ThreadRecord thread in Store.Threads)
        {
            lock (thread.Gate)
            {
                if (Engine.RecoverAfterRestart(thread))
                {
                    Store.Commit(thread);
                }
            }
        }

        foreach (string fault in options.Faults)
        {
            Faults.Arm(FaultParser.Parse(fault));
        }
    }

    public AssistantsEmulatorOptions Options { get; }

    public EmulatorStore Store { get; }

    public RunEngine Engine { get; }

    public FaultInjector Faults { get; }

    /// <summary>Gets or sets what answers runs, for the startup log.</summary>
    public string Backend { get; set; } = ScriptedModel.Instance.Description;

    public void Dispose() => Store.Dispose();
}
