using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Models;

/// <summary>An image URL part of a message to create (vision-capable models only).</summary>
public sealed class ImageUrlInputContentPart : MessageInputContentPart
{
    /// <summary>Initializes a new instance of the <see cref="ImageUrlInputContentPart"/> class.</summary>
    public ImageUrlInputContentPart()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImageUrlInputContentPart"/> class.</summary>
    /// <param name="url">The external URL of the image (jpeg, jpg, png, gif or webp).</param>
    /// <param name="detail">The detail level, or <see langword="null"/> for the server default.</param>
    [SetsRequiredMembers]
    public ImageUrlInputContentPart(string url, MessageImageDetail? detail = null)
    {
        ImageUrl = new MessageImageUrl(url, detail);
    }

    /// <inheritdoc />
    public override string Type => "image_url";

    /// <summary>Gets or sets the image URL.</summary>
    public required MessageImageUrl ImageUrl { get; set; }
}
