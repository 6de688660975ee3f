namespace OpenAiApi.Refit.Models;

/// <summary>An image file in the content of a message.</summary>
public sealed class ImageFileMessageContent : MessageContent
{
    /// <inheritdoc />
    public override string Type => "image_file";

    /// <summary>Gets the image file.</summary>
    public MessageImageFile? ImageFile { get; init; }
}
