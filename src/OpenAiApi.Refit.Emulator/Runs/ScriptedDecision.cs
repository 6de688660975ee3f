using OpenAiApi.Refit.Emulator.State;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>What the scripted model does next: write <see cref="Reply"/>, or ask for <see cref="ToolCalls"/>.</summary>
/// <param name="Reply">The assistant message text, or <see langword="null"/> when tools are called.</param>
/// <param name="ToolCalls">The function calls (without outputs), or <see langword="null"/>.</param>
internal sealed record ScriptedDecision(string? Reply, IReadOnlyList<ToolCallRecord>? ToolCalls);
