namespace OpenAiApi.Refit.Models;

/// <summary>A code interpreter call of a run step.</summary>
public sealed class CodeInterpreterToolCall : RunStepToolCall
{
    /// <inheritdoc />
    public override string Type => "code_interpreter";

    /// <summary>Gets the code that was run and its outputs.</summary>
    public CodeInterpreterToolCallDetails? CodeInterpreter { get; init; }
}
