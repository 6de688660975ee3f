namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of a code interpreter call while streaming.</summary>
public sealed class CodeInterpreterToolCallDelta : RunStepDeltaToolCall
{
    /// <inheritdoc />
    public override string Type => "code_interpreter";

    /// <summary>Gets the fragment of the code and the new outputs.</summary>
    public CodeInterpreterToolCallDeltaDetails? CodeInterpreter { get; init; }
}
