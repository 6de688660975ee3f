namespace OpenAiApi.Refit.Models;

/// <summary>The text output of a code interpreter call.</summary>
public sealed class CodeInterpreterLogsOutput : CodeInterpreterOutput
{
    /// <inheritdoc />
    public override string Type => "logs";

    /// <summary>Gets the text output.</summary>
    public string? Logs { get; init; }
}
