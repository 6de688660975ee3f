using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.State;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>What one model turn has produced so far (read and written under the thread's lock).</summary>
internal sealed class TurnProgress
{
    /// <summary>Initializes a new instance of the <see cref="TurnProgress"/> class.</summary>
    /// <param name="promptEstimate">The emulator's count of the prompt, used when the model reports no usage.</param>
    public TurnProgress(int promptEstimate) => PromptEstimate = promptEstimate;

    /// <summary>Gets or sets the message the turn writes, once its first text arrived.</summary>
    public MessageRecord? Message { get; set; }

    /// <summary>Gets or sets the <c>message_creation</c> step of <see cref="Message"/>.</summary>
    public StepRecord? MessageStep { get; set; }

    /// <summary>Gets the model's function calls.</summary>
    public List<FunctionCallContent> Calls { get; } = [];

    /// <summary>Gets or sets the usage the model reported.</summary>
    public UsageDetails? Usage { get; set; }

    /// <summary>Gets or sets why the model stopped.</summary>
    public ChatFinishReason? FinishReason { get; set; }

    /// <summary>Gets the emulator's count of the prompt.</summary>
    public int PromptEstimate { get; }

    /// <summary>Gets or sets the updates of a model that answered at once, waiting for the run's next transition.</summary>
    public IReadOnlyList<ChatResponseUpdate> Pending { get; set; } = [];
}
