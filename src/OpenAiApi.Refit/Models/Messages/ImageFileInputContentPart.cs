using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Models;

/// <summary>An image file part of a message to create (vision-capable models only).</summary>
public sealed class ImageFileInputContentPart : MessageInputContentPart
{
    /// <summary>Initializes a new instance of the <see cref="ImageFileInputContentPart"/> class.</summary>
    public ImageFileInputContentPart()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="ImageFileInputContentPart"/> class.</summary>
    /// <param name="fileId">The id of the image file (uploaded with purpose <c>vision</c>).</param>
    /// <param name="detail">The detail level, or <see langword="null"/> for the server default.</param>
    [SetsRequiredMembers]
    public ImageFileInputContentPart(string fileId, MessageImageDetail? detail = null)
    {
        ImageFile = new MessageImageFile(fileId, detail);
    }

    /// <inheritdoc />
    public override string Type => "image_file";

    /// <summary>Gets or sets the image file.</summary>
    public required MessageImageFile ImageFile { get; set; }
}
