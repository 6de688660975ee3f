namespace OpenAiApi.Refit.Models;

/// <summary>The details of a run step that created a message.</summary>
public sealed class MessageCreationStepDetails : RunStepDetails
{
    /// <inheritdoc />
    public override string Type => "message_creation";

    /// <summary>Gets the message that was created.</summary>
    public RunStepMessageCreation? MessageCreation { get; init; }
}
