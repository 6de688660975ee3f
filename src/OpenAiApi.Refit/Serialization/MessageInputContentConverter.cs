using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// Reads and writes <see cref="MessageInputContent"/>: a JSON string (plain text) or a JSON array of content parts. Each part
/// goes through the source-generated metadata of <see cref="MessageInputContentPart"/>, so a part of an unknown <c>type</c>
/// becomes <see cref="UnknownInputContentPart"/> and round-trips unchanged.
/// </summary>
internal sealed class MessageInputContentConverter : JsonConverter<MessageInputContent>
{
    /// <inheritdoc />
    public override MessageInputContent? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return MessageInputContent.FromText(reader.GetString()!);
            case JsonTokenType.StartArray:
                var partInfo = options.GetTypeInfo<MessageInputContentPart>();
                var parts = new List<MessageInputContentPart>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    MessageInputContentPart? part = JsonSerializer.Deserialize(ref reader, partInfo);
                    if (part is not null)
                    {
                        parts.Add(part);
                    }
                }

                return MessageInputContent.FromParts([.. parts]);
            default:
                throw new JsonException($"Expected a string or an array for message content, got {reader.TokenType}.");
        }
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, MessageInputContent value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        if (value.Parts is null)
        {
            writer.WriteStringValue(value.Text ?? string.Empty);
            return;
        }

        var partInfo = options.GetTypeInfo<MessageInputContentPart>();
        writer.WriteStartArray();
        foreach (MessageInputContentPart part in value.Parts)
        {
            JsonSerializer.Serialize(writer, part, partInfo);
        }

        writer.WriteEndArray();
    }
}
