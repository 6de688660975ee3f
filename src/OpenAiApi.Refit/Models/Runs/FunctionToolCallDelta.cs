namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of a function call while streaming.</summary>
public sealed class FunctionToolCallDelta : RunStepDeltaToolCall
{
    /// <inheritdoc />
    public override string Type => "function";

    /// <summary>Gets the fragment of the function call: name, a piece of the arguments, or the output.</summary>
    public FunctionToolCallDetails? Function { get; init; }
}
