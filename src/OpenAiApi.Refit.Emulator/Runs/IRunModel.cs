using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// The model behind runs, as the run engine sees it: given the conversation of a run (system instructions, the thread's
/// messages, earlier tool calls and their outputs) and the run's settings, it streams the assistant's next turn: text, function
/// calls, usage and a finish reason, as <c>Microsoft.Extensions.AI</c> updates.
/// </summary>
/// <remarks>
/// Two models exist. The deterministic scripted model (<see cref="ScriptedModel"/>, the default) is driven by the engine's lazy
/// transitions, so that tests see the same states at the same requests; <see cref="ChatClientRunModel"/> answers with any
/// <see cref="IChatClient"/>, and its runs progress in the background (<see cref="RunEngine"/>'s model-backed runs).
/// </remarks>
internal interface IRunModel
{
    /// <summary>Gets what answers runs, for the startup log (never a key).</summary>
    string Description { get; }

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
/// <param name="Options">The chat options (tools, tool mode, sampling, limits, response format).</param>
internal sealed record ModelTurn(string Model, IReadOnlyList<ChatMessage> Messages, ChatOptions Options);
