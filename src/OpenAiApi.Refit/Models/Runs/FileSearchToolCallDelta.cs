namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of a file search call while streaming.</summary>
public sealed class FileSearchToolCallDelta : RunStepDeltaToolCall
{
    /// <inheritdoc />
    public override string Type => "file_search";

    /// <summary>Gets the file search details (usually an empty object while streaming).</summary>
    public FileSearchToolCallDetails? FileSearch { get; init; }
}
