namespace OpenAiApi.Refit.Emulator.Tests.Infrastructure;

/// <summary>Where an emulator under test keeps its state.</summary>
public enum EmulatorStoreKind
{
    /// <summary>The default: memory only.</summary>
    InMemory,

    /// <summary>A SQLite file (<see cref="AssistantsEmulatorOptions.DataPath"/>).</summary>
    Sqlite,
}
