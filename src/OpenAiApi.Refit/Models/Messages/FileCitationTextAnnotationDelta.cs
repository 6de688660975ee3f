namespace OpenAiApi.Refit.Models;

/// <summary>A file citation (from the <c>file_search</c> tool), as streamed.</summary>
public sealed class FileCitationTextAnnotationDelta : TextAnnotationDelta
{
    /// <inheritdoc />
    public override string Type => "file_citation";

    /// <summary>Gets the cited file and, when sent, the quote.</summary>
    public TextAnnotationFileCitation? FileCitation { get; init; }
}
