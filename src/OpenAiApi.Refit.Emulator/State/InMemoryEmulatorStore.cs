namespace OpenAiApi.Refit.Emulator.State;

/// <summary>The default store: the working set only, gone when the process ends. Fast, and fresh for every test.</summary>
internal sealed class InMemoryEmulatorStore : EmulatorStore
{
    /// <inheritdoc />
    protected override void SaveAssistant(AssistantRecord assistant)
    {
    }

    /// <inheritdoc />
    protected override void DeleteAssistants(IReadOnlyCollection<string> ids)
    {
    }

    /// <inheritdoc />
    protected override void SaveThread(ThreadRecord thread)
    {
    }

    /// <inheritdoc />
    protected override void DeleteThreads(IReadOnlyCollection<string> ids)
    {
    }
}
