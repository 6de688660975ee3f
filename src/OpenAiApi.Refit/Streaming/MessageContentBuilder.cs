using System.Text;
using System.Text.Json;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Streaming;

/// <summary>One content part of a message being streamed: text and refusals are appended, annotations merged by index, images and
/// unknown parts replaced by the latest fragment.</summary>
internal sealed class MessageContentBuilder
{
    private readonly StringBuilder _text = new();
    private readonly SortedDictionary<int, TextAnnotation> _annotations = [];
    private MessageContent? _whole;
    private MessageImageFile? _imageFile;
    private MessageImageUrl? _imageUrl;
    private JsonElement? _raw;
    private IDictionary<string, JsonElement>? _additionalProperties;
    private IDictionary<string, JsonElement>? _textAdditionalProperties;

    private MessageContentBuilder(string type)
    {
        Type = type;
    }

    public string Type { get; }

    /// <summary>Starts from a whole content part (of a full message snapshot).</summary>
    public static MessageContentBuilder From(MessageContent content)
    {
        var builder = new MessageContentBuilder(content.Type) { _additionalProperties = content.AdditionalProperties };
        switch (content)
        {
            case TextMessageContent text:
                builder._text.Append(text.Text?.Value);
                builder._textAdditionalProperties = text.Text?.AdditionalProperties;
                IReadOnlyList<TextAnnotation> annotations = text.Text?.Annotations ?? [];
                for (int i = 0; i < annotations.Count; i++)
                {
                    builder._annotations[i] = annotations[i];
                }

                break;
            case RefusalMessageContent refusal:
                builder._text.Append(refusal.Refusal);
                break;
            case ImageFileMessageContent image:
                builder._imageFile = image.ImageFile;
                break;
            case ImageUrlMessageContent image:
                builder._imageUrl = image.ImageUrl;
                break;
            default:
                builder._whole = content; // an unknown part is kept as sent
                break;
        }

        return builder;
    }

    /// <summary>Starts an empty part of the fragment's type.</summary>
    public static MessageContentBuilder For(MessageDeltaContent fragment) => new(fragment.Type);

    /// <summary>Applies one fragment of the same index.</summary>
    public void Apply(MessageDeltaContent fragment, DeltaIndexGuard guard)
    {
        if (fragment.AdditionalProperties is { Count: > 0 })
        {
            _additionalProperties = fragment.AdditionalProperties;
        }

        switch (fragment)
        {
            case TextMessageDeltaContent text:
                _text.Append(text.Text?.Value);
                if (text.Text?.AdditionalProperties is { Count: > 0 } extra)
                {
                    _textAdditionalProperties = extra;
                }

                foreach (TextAnnotationDelta annotation in text.Text?.Annotations ?? [])
                {
                    int index = guard.Check(annotation.Index, "an annotation");
                    _annotations.TryGetValue(index, out TextAnnotation? previous);
                    _annotations[index] = Merge(annotation, previous);
                }

                break;
            case RefusalMessageDeltaContent refusal:
                _text.Append(refusal.Refusal);
                break;
            case ImageFileMessageDeltaContent image:
                _imageFile = image.ImageFile ?? _imageFile;
                break;
            case ImageUrlMessageDeltaContent image:
                _imageUrl = image.ImageUrl ?? _imageUrl;
                break;
            case UnknownMessageDeltaContent unknown:
                _raw = unknown.RawJson;
                _whole = null;
                break;
        }
    }

    /// <summary>Builds the content part as it stands.</summary>
    public MessageContent Build() => _whole ?? Type switch
    {
        "text" => new TextMessageContent
        {
            Text = new MessageText { Value = _text.ToString(), Annotations = [.. _annotations.Values], AdditionalProperties = _textAdditionalProperties },
            AdditionalProperties = _additionalProperties,
        },
        "refusal" => new RefusalMessageContent { Refusal = _text.ToString(), AdditionalProperties = _additionalProperties },
        "image_file" => new ImageFileMessageContent { ImageFile = _imageFile, AdditionalProperties = _additionalProperties },
        "image_url" => new ImageUrlMessageContent { ImageUrl = _imageUrl, AdditionalProperties = _additionalProperties },
        _ => new UnknownMessageContent(Type, _raw ?? default),
    };

    /// <summary>Turns an annotation fragment into an annotation, keeping what an earlier fragment of the same index said.</summary>
    private static TextAnnotation Merge(TextAnnotationDelta fragment, TextAnnotation? previous)
    {
        string? text = fragment.Text ?? previous?.Text;
        int? start = fragment.StartIndex ?? previous?.StartIndex;
        int? end = fragment.EndIndex ?? previous?.EndIndex;
        IDictionary<string, JsonElement>? extra = fragment.AdditionalProperties is { Count: > 0 } ? fragment.AdditionalProperties : previous?.AdditionalProperties;
        return fragment switch
        {
            FileCitationTextAnnotationDelta citation => new FileCitationTextAnnotation
            {
                Text = text,
                StartIndex = start,
                EndIndex = end,
                FileCitation = citation.FileCitation ?? (previous as FileCitationTextAnnotation)?.FileCitation,
                AdditionalProperties = extra,
            },
            FilePathTextAnnotationDelta path => new FilePathTextAnnotation
            {
                Text = text,
                StartIndex = start,
                EndIndex = end,
                FilePath = path.FilePath ?? (previous as FilePathTextAnnotation)?.FilePath,
                AdditionalProperties = extra,
            },
            UnknownTextAnnotationDelta unknown => new UnknownTextAnnotation(unknown.Type, unknown.RawJson),
            _ => previous ?? new UnknownTextAnnotation(fragment.Type, default),
        };
    }
}
