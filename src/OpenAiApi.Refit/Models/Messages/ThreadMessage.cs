using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A message within a thread (the spec's <c>MessageObject</c>).</summary>
public sealed class ThreadMessage
{
    /// <summary>Gets the id of the message.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread.message</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets the Unix time (seconds) when the message was created.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Gets the id of the thread the message belongs to.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the status of the message.</summary>
    public MessageStatus? Status { get; init; }

    /// <summary>Gets why the message is incomplete, when <see cref="Status"/> is <c>incomplete</c>.</summary>
    public MessageIncompleteDetails? IncompleteDetails { get; init; }

    /// <summary>Gets the Unix time (seconds) when the message was completed.</summary>
    public long? CompletedAt { get; init; }

    /// <summary>Gets the Unix time (seconds) when the message was marked incomplete.</summary>
    public long? IncompleteAt { get; init; }

    /// <summary>Gets the entity that produced the message.</summary>
    public MessageRole? Role { get; init; }

    /// <summary>Gets the content of the message: text, images and refusals.</summary>
    public IReadOnlyList<MessageContent> Content { get; init => field = value ?? []; } = [];

    /// <summary>Gets the id of the assistant that authored the message, if any.</summary>
    public string? AssistantId { get; init; }

    /// <summary>Gets the id of the run that created the message; <see langword="null"/> for messages created directly.</summary>
    public string? RunId { get; init; }

    /// <summary>Gets the files attached to the message and the tools they were added to.</summary>
    public IReadOnlyList<MessageCreationAttachment>? Attachments { get; init; }

    /// <summary>Gets the key-value pairs attached to the message.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>
    /// Gets the values of every <see cref="TextMessageContent"/> part of <see cref="Content"/>, concatenated in order with no
    /// separator (annotation placeholders are left as they are); an empty string when the message has no text. Not serialized.
    /// </summary>
    [JsonIgnore]
    public string Text => Content is null
        ? string.Empty
        : string.Concat(Content.OfType<TextMessageContent>().Select(static c => c.Text?.Value));
}
