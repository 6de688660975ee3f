using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using static OpenAiApi.Refit.Emulator.Endpoints.CommonChecks;

namespace OpenAiApi.Refit.Emulator.Endpoints.Messages;

/// <summary>The request checks of createMessage, also for the messages of createThread and a run's
/// <c>additional_messages</c> (the shared ones are <see cref="CommonChecks"/>).</summary>
internal static class MessageChecks
{
    private static readonly string[] AttachmentToolTypes = ["code_interpreter", "file_search"];
    private static readonly string[] ContentPartTypes = ["text", "image_file", "image_url"];
    private static readonly string[] Roles = ["user", "assistant"];
    private static readonly string[] ImageDetails = ["auto", "low", "high"];
    private static readonly string[] MessageKeys = ["role", "content", "attachments", "metadata"];

    public static void Create(JsonElement message, string path = "")
    {
        string prefix = path.Length == 0 ? string.Empty : path + ".";
        if (message.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType(path, "an object", message);
        }

        KnownFields(message, prefix, MessageKeys);
        JsonChecks.RequiredEnum(message, "role", prefix, Roles);
        if (!JsonChecks.TryGet(message, "content", out JsonElement content))
        {
            throw ApiErrors.MissingParameter(prefix + "content");
        }

        if (content.ValueKind == JsonValueKind.Array)
        {
            JsonChecks.ArrayValue(content, prefix + "content", minItems: 1);
            int index = 0;
            foreach (JsonElement part in content.EnumerateArray())
            {
                ContentPart(part, $"{prefix}content[{index++}]");
            }
        }
        else if (content.ValueKind != JsonValueKind.String)
        {
            throw ApiErrors.InvalidType(prefix + "content", "a string or an array of content parts", content);
        }

        if (JsonChecks.OptionalArray(message, "attachments", prefix) is JsonElement attachments)
        {
            int index = 0;
            foreach (JsonElement attachment in attachments.EnumerateArray())
            {
                Attachment(attachment, $"{prefix}attachments[{index++}]");
            }
        }

        Metadata(message, prefix);
    }

    private static void ContentPart(JsonElement part, string path)
    {
        if (part.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType(path, "an object", part);
        }

        string prefix = path + ".";
        string type = JsonChecks.RequiredEnum(part, "type", prefix, ContentPartTypes);
        switch (type)
        {
            case "text":
                JsonChecks.RequiredString(part, "text", prefix);
                break;
            case "image_file":
                JsonElement file = JsonChecks.OptionalObject(part, "image_file", prefix) ?? throw ApiErrors.MissingParameter(prefix + "image_file");
                JsonChecks.RequiredString(file, "file_id", prefix + "image_file.", minLength: 1);
                JsonChecks.OptionalEnum(file, "detail", prefix + "image_file.", ImageDetails);
                break;
            default:
                JsonElement url = JsonChecks.OptionalObject(part, "image_url", prefix) ?? throw ApiErrors.MissingParameter(prefix + "image_url");
                JsonChecks.RequiredString(url, "url", prefix + "image_url.", minLength: 1);
                JsonChecks.OptionalEnum(url, "detail", prefix + "image_url.", ImageDetails);
                break;
        }
    }

    private static void Attachment(JsonElement attachment, string path)
    {
        if (attachment.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType(path, "an object", attachment);
        }

        string prefix = path + ".";
        JsonChecks.RequiredString(attachment, "file_id", prefix, minLength: 1);
        if (JsonChecks.OptionalArray(attachment, "tools", prefix) is JsonElement tools)
        {
            int index = 0;
            foreach (JsonElement tool in tools.EnumerateArray())
            {
                string toolPath = $"{prefix}tools[{index++}]";
                if (tool.ValueKind != JsonValueKind.Object)
                {
                    throw ApiErrors.InvalidType(toolPath, "an object", tool);
                }

                JsonChecks.RequiredEnum(tool, "type", toolPath + ".", AttachmentToolTypes);
            }
        }
    }
}
