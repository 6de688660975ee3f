using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>One message being streamed: the latest whole message the server sent, with the content fragments applied since.</summary>
internal sealed class MessageSnapshotBuilder(string id)
{
    private readonly SortedDictionary<int, MessageContentBuilder> _content = [];
    private ThreadMessage? _message;
    private MessageRole? _role;
    private ThreadMessage? _snapshot;

    public string Id { get; } = id;

    public string? RunId => _message?.RunId;

    /// <summary>Takes a whole message: its fields win; its content replaces the fragments when it has any (a final snapshot).</summary>
    public void Apply(ThreadMessage message)
    {
        _message = message;
        if (message.Content is { Count: > 0 } content)
        {
            _content.Clear();
            for (int i = 0; i < content.Count; i++)
            {
                _content[i] = MessageContentBuilder.From(content[i]);
            }
        }

        _snapshot = null;
    }

    /// <summary>Applies the fragments of a <c>thread.message.delta</c>.</summary>
    public void Apply(MessageDelta delta, DeltaIndexGuard guard)
    {
        foreach (MessageDeltaContent fragment in delta.Delta?.Content ?? [])
        {
            guard.Check(fragment.Index, "a content part"); // the whole delta is checked before any of it is applied
            if (fragment is TextMessageDeltaContent text)
            {
                foreach (TextAnnotationDelta annotation in text.Text?.Annotations ?? [])
                {
                    guard.Check(annotation.Index, "an annotation");
                }
            }
        }

        _role = delta.Delta?.Role ?? _role;
        foreach (MessageDeltaContent fragment in delta.Delta?.Content ?? [])
        {
            int index = guard.Check(fragment.Index, "a content part");
            if (!_content.TryGetValue(index, out MessageContentBuilder? part) || part.Type != fragment.Type)
            {
                part = MessageContentBuilder.For(fragment);
                _content[index] = part;
            }

            part.Apply(fragment, guard);
        }

        _snapshot = null;
    }

    /// <summary>Builds the message as it stands (cached until the next change).</summary>
    public ThreadMessage Build() => _snapshot ??= new ThreadMessage
    {
        Id = Id,
        Object = _message?.Object ?? "thread.message",
        CreatedAt = _message?.CreatedAt,
        ThreadId = _message?.ThreadId,
        Status = _message?.Status,
        IncompleteDetails = _message?.IncompleteDetails,
        CompletedAt = _message?.CompletedAt,
        IncompleteAt = _message?.IncompleteAt,
        Role = _message?.Role ?? _role,
        Content = [.. _content.Values.Select(static part => part.Build())],
        AssistantId = _message?.AssistantId,
        RunId = _message?.RunId,
        Attachments = _message?.Attachments,
        Metadata = _message?.Metadata,
        AdditionalProperties = _message?.AdditionalProperties,
    };
}
