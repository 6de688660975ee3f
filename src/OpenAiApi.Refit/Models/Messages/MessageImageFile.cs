using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An image file in message content: the <c>image_file</c> object of content parts, message content and content deltas.</summary>
public sealed class MessageImageFile
{
    /// <summary>Initializes a new instance of the <see cref="MessageImageFile"/> class.</summary>
    public MessageImageFile()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MessageImageFile"/> class.</summary>
    /// <param name="fileId">The id of the image file (uploaded with purpose <c>vision</c>).</param>
    /// <param name="detail">The detail level, or <see langword="null"/> for the server default.</param>
    public MessageImageFile(string fileId, MessageImageDetail? detail = null)
    {
        FileId = fileId;
        Detail = detail;
    }

    /// <summary>Gets or sets the id of the image file (required on requests; may be absent in a delta).</summary>
    public string? FileId { get; set; }

    /// <summary>Gets or sets the detail level of the image.</summary>
    public MessageImageDetail? Detail { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
