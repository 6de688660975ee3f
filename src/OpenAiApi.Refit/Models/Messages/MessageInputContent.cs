using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>
/// The content of a message to create: either a plain string (<see cref="Text"/>) or a list of content parts
/// (<see cref="Parts"/>: text, image files, image URLs). On the wire it is a JSON string or a JSON array.
/// A string converts implicitly: <c>Content = "Hello"</c>; for parts use <see cref="FromParts"/>.
/// </summary>
[JsonConverter(typeof(MessageInputContentConverter))]
public sealed class MessageInputContent
{
    private MessageInputContent(string? text, IReadOnlyList<MessageInputContentPart>? parts)
    {
        Text = text;
        Parts = parts;
    }

    /// <summary>Gets the plain-text content, or <see langword="null"/> when the content is a list of parts.</summary>
    public string? Text { get; }

    /// <summary>Gets the content parts, or <see langword="null"/> when the content is a plain string.</summary>
    public IReadOnlyList<MessageInputContentPart>? Parts { get; }

    /// <summary>Gets a value indicating whether the content is a list of parts rather than a plain string.</summary>
    public bool IsParts => Parts is not null;

    /// <summary>Creates plain-text content.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The content.</returns>
    public static MessageInputContent FromText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new(text, null);
    }

    /// <summary>Creates content from parts.</summary>
    /// <param name="parts">The parts: <see cref="TextInputContentPart"/>, <see cref="ImageFileInputContentPart"/>,
    /// <see cref="ImageUrlInputContentPart"/>.</param>
    /// <returns>The content.</returns>
    public static MessageInputContent FromParts(params MessageInputContentPart[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        return new(null, [.. parts]);
    }

    /// <summary>Converts a string to plain-text content.</summary>
    /// <param name="text">The text.</param>
    public static implicit operator MessageInputContent(string text) => FromText(text);

    /// <inheritdoc />
    public override string ToString() => Text ?? $"[{Parts?.Count ?? 0} parts]";
}
