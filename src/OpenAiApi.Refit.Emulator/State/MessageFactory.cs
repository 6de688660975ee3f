using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>Turns a caller's <see cref="MessageCreationOptions"/> into a stored message.</summary>
internal static class MessageFactory
{
    /// <summary>Stores a caller's message on a thread (under the thread's lock, or before the thread is visible).</summary>
    /// <param name="store">The store.</param>
    /// <param name="now">The creation time.</param>
    /// <param name="thread">The thread.</param>
    /// <param name="options">The message.</param>
    /// <returns>The stored message.</returns>
    public static MessageRecord Add(EmulatorStore store, DateTimeOffset now, ThreadRecord thread, MessageCreationOptions options)
    {
        string id = Ids.New("msg_");
        var message = new MessageRecord
        {
            Id = id,
            Sequence = store.NextSequence(id),
            ThreadId = thread.Id,
            CreatedAt = now.ToUnixTimeSeconds(),
            Role = options.Role,
            Content = [.. ToContent(options.Content).Select(WireDefaults.Content)],
            Attachments = options.Attachments is null ? [] : [.. options.Attachments],
            Metadata = options.Metadata is null ? [] : new Dictionary<string, string>(options.Metadata, StringComparer.Ordinal),
        };
        thread.Messages.Add(message);
        return message;
    }

    private static IReadOnlyList<MessageContent> ToContent(MessageInputContent content) =>
        content.Parts is null
            ? [Text(content.Text ?? string.Empty)]
            : [.. content.Parts.Select(static part => part switch
            {
                TextInputContentPart text => Text(text.Text),
                ImageFileInputContentPart file => new ImageFileMessageContent { ImageFile = file.ImageFile },
                ImageUrlInputContentPart url => (MessageContent)new ImageUrlMessageContent { ImageUrl = url.ImageUrl },
                _ => throw ApiErrors.InvalidValue("content.type", part.Type, "text", "image_file", "image_url"),
            })];

    private static TextMessageContent Text(string value) => new() { Text = new MessageText { Value = value, Annotations = [] } };
}
