namespace OpenAiApi.Refit.Emulator.State;

/// <summary>A function call the scripted model asked for, and its output once submitted.</summary>
internal sealed class ToolCallRecord
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Arguments { get; init; }

    public string? Output { get; set; }
}
