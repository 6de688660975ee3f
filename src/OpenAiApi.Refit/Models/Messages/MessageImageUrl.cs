using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An image URL in message content: the <c>image_url</c> object of content parts, message content and content deltas.</summary>
public sealed class MessageImageUrl
{
    /// <summary>Initializes a new instance of the <see cref="MessageImageUrl"/> class.</summary>
    public MessageImageUrl()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MessageImageUrl"/> class.</summary>
    /// <param name="url">The external URL of the image (jpeg, jpg, png, gif or webp).</param>
    /// <param name="detail">The detail level, or <see langword="null"/> for the server default.</param>
    public MessageImageUrl(string url, MessageImageDetail? detail = null)
    {
        Url = url;
        Detail = detail;
    }

    /// <summary>Gets or sets the external URL of the image (required on requests; may be absent in a delta).</summary>
    public string? Url { get; set; }

    /// <summary>Gets or sets the detail level of the image.</summary>
    public MessageImageDetail? Detail { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
