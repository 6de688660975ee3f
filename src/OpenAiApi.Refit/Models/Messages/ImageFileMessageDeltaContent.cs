namespace OpenAiApi.Refit.Models;

/// <summary>An image file content part, as streamed.</summary>
public sealed class ImageFileMessageDeltaContent : MessageDeltaContent
{
    /// <inheritdoc />
    public override string Type => "image_file";

    /// <summary>Gets the image file.</summary>
    public MessageImageFile? ImageFile { get; init; }
}
