using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>A stored message. A message written by a run keeps its text in <see cref="RunText"/>, which grows as the scripted
/// model "types".</summary>
internal sealed class MessageRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required string ThreadId { get; init; }

    public required long CreatedAt { get; init; }

    public required MessageRole Role { get; init; }

    public MessageStatus Status { get; set; } = MessageStatus.Completed;

    public string? IncompleteReason { get; set; }

    public long? CompletedAt { get; set; }

    public long? IncompleteAt { get; set; }

    /// <summary>Gets or sets the content given by the caller (messages not written by a run).</summary>
    public IReadOnlyList<MessageContent> Content { get; set; } = [];

    /// <summary>Gets or sets the text written so far by a run, or <see langword="null"/> for a caller's message.</summary>
    public string? RunText { get; set; }

    public string? AssistantId { get; init; }

    public string? RunId { get; init; }

    public List<MessageCreationAttachment> Attachments { get; init; } = [];

    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Gets the text parts joined by new lines (what the scripted model reads).</summary>
    public string PlainText => RunText ?? string.Join('\n', Content.OfType<TextMessageContent>().Select(static c => c.Text?.Value ?? string.Empty));

    public ThreadMessage ToModel() => new()
    {
        Id = Id,
        Object = "thread.message",
        CreatedAt = CreatedAt,
        ThreadId = ThreadId,
        Status = Status,
        IncompleteDetails = IncompleteReason is null ? null : new MessageIncompleteDetails { Reason = IncompleteReason },
        CompletedAt = CompletedAt,
        IncompleteAt = IncompleteAt,
        Role = Role,
        Content = RunText switch
        {
            null => [.. Content],
            "" => [],
            _ => [new TextMessageContent { Text = new MessageText { Value = RunText, Annotations = [] } }],
        },
        AssistantId = AssistantId,
        RunId = RunId,
        Attachments = [.. Attachments],
        Metadata = new Dictionary<string, string>(Metadata),
    };
}
