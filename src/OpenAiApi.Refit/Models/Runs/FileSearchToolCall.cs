namespace OpenAiApi.Refit.Models;

/// <summary>A file search call of a run step.</summary>
public sealed class FileSearchToolCall : RunStepToolCall
{
    /// <inheritdoc />
    public override string Type => "file_search";

    /// <summary>Gets the ranking options and results of the search.</summary>
    public FileSearchToolCallDetails? FileSearch { get; init; }
}
