namespace OpenAiApi.Refit.Models;

/// <summary>An image URL content part, as streamed.</summary>
public sealed class ImageUrlMessageDeltaContent : MessageDeltaContent
{
    /// <inheritdoc />
    public override string Type => "image_url";

    /// <summary>Gets the image URL.</summary>
    public MessageImageUrl? ImageUrl { get; init; }
}
