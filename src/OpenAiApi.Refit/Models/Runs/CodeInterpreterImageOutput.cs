namespace OpenAiApi.Refit.Models;

/// <summary>An image output of a code interpreter call.</summary>
public sealed class CodeInterpreterImageOutput : CodeInterpreterOutput
{
    /// <inheritdoc />
    public override string Type => "image";

    /// <summary>Gets the file holding the image.</summary>
    public CodeInterpreterImageFile? Image { get; init; }
}
