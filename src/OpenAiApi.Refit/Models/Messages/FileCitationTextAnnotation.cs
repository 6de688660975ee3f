namespace OpenAiApi.Refit.Models;

/// <summary>A citation of a file, generated when the assistant uses the <c>file_search</c> tool.</summary>
public sealed class FileCitationTextAnnotation : TextAnnotation
{
    /// <inheritdoc />
    public override string Type => "file_citation";

    /// <summary>Gets the cited file.</summary>
    public TextAnnotationFileCitation? FileCitation { get; init; }
}
