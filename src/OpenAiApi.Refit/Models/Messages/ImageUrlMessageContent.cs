namespace OpenAiApi.Refit.Models;

/// <summary>An image URL in the content of a message.</summary>
public sealed class ImageUrlMessageContent : MessageContent
{
    /// <inheritdoc />
    public override string Type => "image_url";

    /// <summary>Gets the image URL.</summary>
    public MessageImageUrl? ImageUrl { get; init; }
}
