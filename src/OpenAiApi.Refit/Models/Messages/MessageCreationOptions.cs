using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of a create-message request (the spec's <c>CreateMessageRequest</c>), also used for the initial
/// messages of a new thread.</summary>
public sealed class MessageCreationOptions
{
    /// <summary>Gets or sets the role of the author: <see cref="MessageRole.User"/> or <see cref="MessageRole.Assistant"/>.</summary>
    public required MessageRole Role { get; set; }

    /// <summary>Gets or sets the content: a plain string (implicit conversion) or content parts (<see cref="MessageInputContent.FromParts"/>).</summary>
    public required MessageInputContent Content { get; set; }

    /// <summary>Gets or sets the files attached to the message, and the tools they should be added to.</summary>
    public IList<MessageCreationAttachment>? Attachments { get; set; }

    /// <summary>Gets or sets up to 16 key-value pairs to attach to the message (keys at most 64 characters, values at most 512).</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a message from the user.</summary>
    /// <param name="content">The content: a string or <see cref="MessageInputContent.FromParts"/>.</param>
    /// <returns>The options.</returns>
    public static MessageCreationOptions User(MessageInputContent content) => new() { Role = MessageRole.User, Content = content };

    /// <summary>Creates a message attributed to the assistant (to seed a conversation).</summary>
    /// <param name="content">The content: a string or <see cref="MessageInputContent.FromParts"/>.</param>
    /// <returns>The options.</returns>
    public static MessageCreationOptions Assistant(MessageInputContent content) => new() { Role = MessageRole.Assistant, Content = content };
}
