namespace OpenAiApi.Refit.Models;

/// <summary>A function call of a run step.</summary>
public sealed class FunctionToolCall : RunStepToolCall
{
    /// <inheritdoc />
    public override string Type => "function";

    /// <summary>Gets the function that was called, its arguments and its output.</summary>
    public FunctionToolCallDetails? Function { get; init; }
}
