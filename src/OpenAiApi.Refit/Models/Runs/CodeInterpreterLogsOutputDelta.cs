namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of the text output of a code interpreter call.</summary>
public sealed class CodeInterpreterLogsOutputDelta : CodeInterpreterOutputDelta
{
    /// <inheritdoc />
    public override string Type => "logs";

    /// <summary>Gets the text output.</summary>
    public string? Logs { get; init; }
}
