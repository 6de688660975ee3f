using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Models;

/// <summary>A text part of a message to create.</summary>
public sealed class TextInputContentPart : MessageInputContentPart
{
    /// <summary>Initializes a new instance of the <see cref="TextInputContentPart"/> class.</summary>
    public TextInputContentPart()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="TextInputContentPart"/> class.</summary>
    /// <param name="text">The text.</param>
    [SetsRequiredMembers]
    public TextInputContentPart(string text)
    {
        Text = text;
    }

    /// <inheritdoc />
    public override string Type => "text";

    /// <summary>Gets or sets the text to send to the model.</summary>
    public required string Text { get; set; }
}
