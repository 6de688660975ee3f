namespace OpenAiApi.Refit.Models;

/// <summary>The changed details of a run step that creates a message.</summary>
public sealed class MessageCreationStepDeltaDetails : RunStepDeltaDetails
{
    /// <inheritdoc />
    public override string Type => "message_creation";

    /// <summary>Gets the message being created.</summary>
    public RunStepMessageCreation? MessageCreation { get; init; }
}
