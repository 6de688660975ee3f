namespace OpenAiApi.Refit.Models;

/// <summary>The code interpreter tool: lets the model write and run Python code in a sandbox.</summary>
public sealed class CodeInterpreterToolDefinition : ToolDefinition
{
    /// <inheritdoc />
    public override string Type => "code_interpreter";
}
