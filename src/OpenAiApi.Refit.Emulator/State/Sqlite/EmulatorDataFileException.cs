namespace OpenAiApi.Refit.Emulator.State.Sqlite;

/// <summary>The emulator's data file cannot be used: in use by another process, written by a newer emulator, not an emulator
/// data file, or unreadable. The message says which and what to do; the file is left as it was.</summary>
internal sealed class EmulatorDataFileException : InvalidOperationException
{
    public EmulatorDataFileException(string message)
        : base(message)
    {
    }

    public EmulatorDataFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
