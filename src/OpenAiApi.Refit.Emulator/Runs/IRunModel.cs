using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// The model behind runs, as the run engine sees it: given the conversation of a run (system instructions, the thread's
/// messages, earlier tool calls and their outputs) and the run's settings, it streams the assistant's next turn: text, function
/// calls, usage and a finish reason, as <c>Microsoft.Extensions.AI</c> updates.
/// </summary>
/// <remarks>
/// Two models exist, and the engine obtains every answer through this interface. The deterministic scripted model
/// (<see cref="ScriptedModel"/>, the default) answers at once (<see cref="AnswersAtOnce"/>): the engine reads its answer when a
/// run is due for its next step and paces the run lazily on requests, so that tests see the same states at the same requests.
/// <see cref="ChatClientRunModel"/> answers with any <see cref="IChatClient"/>, and its runs progress in the background as it
/// streams (<see cref="RunEngine"/>'s model-backed runs). Either way the engine turns the updates into the run's messages,
/// steps, usage and status in one place.
/// </remarks>
internal interface IRunModel
{
    /// <summary>Gets what answers runs, for the startup log (never a key).</summary>
    string Description { get; }

    /// <summary>
    /// Gets a value indicating whether the model answers at once: every update of <see cref="RespondAsync"/> is available without
    /// waiting. Its runs advance on requests by the configured timing (<see cref="EmulatorRunTiming"/>) and its text is streamed
    /// word by word. Otherwise runs progress in the background, and each text update is one message delta.
    /// </summary>
    bool AnswersAtOnce { get; }

    /// <summary>Finds the first of a run's tools that the model cannot run (the run is refused), if any.</summary>
    /// <param name="tools">The run's tools.</param>
    /// <returns>The tool's index and type, or <see langword="null"/>.</returns>
    (int Index, string Type)? FirstUnsupportedTool(IReadOnlyList<ToolDefinition> tools);

    /// <summary>Streams the assistant's next turn.</summary>
    /// <param name="turn">The conversation and settings, taken under the thread's lock.</param>
    /// <param name="cancellationToken">Cancelled when the run is cancelled, expires, or its thread is deleted.</param>
    /// <returns>The updates, as the model produces them.</returns>
    IAsyncEnumerable<ChatResponseUpdate> RespondAsync(ModelTurn turn, CancellationToken cancellationToken);

    /// <summary>Describes a failure of <see cref="RespondAsync"/> as the run's <c>last_error</c> (never with a key in it).</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>The error.</returns>
    RunError ToLastError(Exception exception);
}

/// <summary>One request to the model: a snapshot, safe to use outside the thread's lock.</summary>
/// <param name="Model">The run's model name.</param>
/// <param name="Messages">The conversation.</param>
/// <param name="Options">The chat options (tools, tool mode, sampling, the completion tokens left in the run's budget, response
/// format).</param>
/// <param name="Run">What the emulator knows of the run beyond the conversation.</param>
internal sealed record ModelTurn(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options, RunContext Run);

/// <summary>The run behind a <see cref="ModelTurn"/>, as the emulator counts it.</summary>
/// <param name="LastUserText">The text of the thread's last user message (before truncation), or <see langword="null"/>.</param>
/// <param name="AnsweredCalls">The function calls this run has made and received outputs for, in order.</param>
/// <param name="PromptTokens">The emulator's count of the prompt (the instructions and the thread's messages after truncation, one
/// token per four characters): the usage reported when the model reports none.</param>
internal sealed record RunContext(string? LastUserText, IReadOnlyList<ToolCallRecord> AnsweredCalls, int PromptTokens);
