namespace OpenAiApi.Refit.Models;

/// <summary>An image output of a code interpreter call, while streaming.</summary>
public sealed class CodeInterpreterImageOutputDelta : CodeInterpreterOutputDelta
{
    /// <inheritdoc />
    public override string Type => "image";

    /// <summary>Gets the file holding the image.</summary>
    public CodeInterpreterImageFile? Image { get; init; }
}
