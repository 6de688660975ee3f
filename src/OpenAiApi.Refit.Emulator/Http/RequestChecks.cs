using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The spec's request shapes, checked on the parsed body before it is bound to the library's models, so that a bad body
/// is answered with the parameter path and the real service's wording. A field the spec does not define for the request (its
/// schemas say <c>additionalProperties: false</c>) is refused, as the real service refuses it ("Unrecognized request argument
/// supplied"), so a client that misspells a field or sends a retired one (v1's <c>file_ids</c>) learns it here.</summary>
internal static partial class RequestChecks
{
    public const int MaxMetadataPairs = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;

    private static readonly string[] ToolTypes = ["code_interpreter", "file_search", "function"];
    private static readonly string[] AttachmentToolTypes = ["code_interpreter", "file_search"];
    private static readonly string[] ContentPartTypes = ["text", "image_file", "image_url"];
    private static readonly string[] ResponseFormatTypes = ["text", "json_object", "json_schema"];
    private static readonly string[] ToolChoiceModes = ["none", "auto", "required"];
    private static readonly string[] Roles = ["user", "assistant"];
    private static readonly string[] ImageDetails = ["auto", "low", "high"];

    private static readonly string[] AssistantKeys =
        ["model", "name", "description", "instructions", "reasoning_effort", "tools", "tool_resources", "metadata", "temperature", "top_p", "response_format"];

    private static readonly string[] ThreadKeys = ["messages", "tool_resources", "metadata"];
    private static readonly string[] ThreadModificationKeys = ["tool_resources", "metadata"];
    private static readonly string[] MessageKeys = ["role", "content", "attachments", "metadata"];
    private static readonly string[] MetadataKeys = ["metadata"];
    private static readonly string[] ToolOutputsKeys = ["tool_outputs", "stream"];

    private static readonly string[] RunKeys =
    [
        "assistant_id", "model", "reasoning_effort", "instructions", "additional_instructions", "additional_messages", "tools", "metadata",
        "temperature", "top_p", "stream", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice",
        "parallel_tool_calls", "response_format",
    ];

    private static readonly string[] ThreadAndRunKeys =
    [
        "assistant_id", "thread", "model", "reasoning_effort", "instructions", "tools", "tool_resources", "metadata", "temperature", "top_p",
        "stream", "max_prompt_tokens", "max_completion_tokens", "truncation_strategy", "tool_choice", "parallel_tool_calls", "response_format",
    ];

    public static void CreateAssistant(JsonElement body)
    {
        KnownFields(body, string.Empty, AssistantKeys);
        JsonChecks.RequiredString(body, "model", string.Empty, 256, minLength: 1);
        AssistantFields(body);
    }

    public static void ModifyAssistant(JsonElement body)
    {
        KnownFields(body, string.Empty, AssistantKeys);
        JsonChecks.OptionalString(body, "model", string.Empty, 256, minLength: 1);
        AssistantFields(body);
    }

    public static void CreateThread(JsonElement body, string prefix = "")
    {
        KnownFields(body, prefix, ThreadKeys);
        if (JsonChecks.OptionalArray(body, "messages", prefix) is JsonElement messages)
        {
            int index = 0;
            foreach (JsonElement message in messages.EnumerateArray())
            {
                CreateMessage(message, $"{prefix}messages[{index++}]");
            }
        }

        ToolResources(body, prefix);
        Metadata(body, prefix);
    }

    public static void ModifyThread(JsonElement body)
    {
        KnownFields(body, string.Empty, ThreadModificationKeys);
        ToolResources(body, string.Empty);
        Metadata(body, string.Empty);
    }

    public static void CreateMessage(JsonElement message, string path = "")
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

    public static void MetadataOnly(JsonElement body)
    {
        KnownFields(body, string.Empty, MetadataKeys);
        Metadata(body, string.Empty);
    }

    public static void CreateRun(JsonElement body)
    {
        KnownFields(body, string.Empty, RunKeys);
        Ids.Check(JsonChecks.RequiredString(body, "assistant_id", string.Empty), "assistant_id");
        JsonChecks.OptionalString(body, "additional_instructions", string.Empty, 256_000);
        if (JsonChecks.OptionalArray(body, "additional_messages", string.Empty) is JsonElement messages)
        {
            int index = 0;
            foreach (JsonElement message in messages.EnumerateArray())
            {
                CreateMessage(message, $"additional_messages[{index++}]");
            }
        }

        RunFields(body);
    }

    public static void CreateThreadAndRun(JsonElement body)
    {
        KnownFields(body, string.Empty, ThreadAndRunKeys);
        Ids.Check(JsonChecks.RequiredString(body, "assistant_id", string.Empty), "assistant_id");
        if (JsonChecks.OptionalObject(body, "thread", string.Empty) is JsonElement thread)
        {
            CreateThread(thread, "thread.");
        }

        ToolResources(body, string.Empty);
        RunFields(body);
    }

    public static void SubmitToolOutputs(JsonElement body)
    {
        KnownFields(body, string.Empty, ToolOutputsKeys);
        if (!JsonChecks.TryGet(body, "tool_outputs", out JsonElement outputs))
        {
            throw ApiErrors.MissingParameter("tool_outputs");
        }

        JsonChecks.ArrayValue(outputs, "tool_outputs");
        int index = 0;
        foreach (JsonElement output in outputs.EnumerateArray())
        {
            string prefix = $"tool_outputs[{index++}]";
            if (output.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.InvalidType(prefix, "an object", output);
            }

            JsonChecks.RequiredString(output, "tool_call_id", prefix + ".", minLength: 1);
            JsonChecks.OptionalString(output, "output", prefix + ".");
        }

        JsonChecks.OptionalBoolean(body, "stream", string.Empty);
    }

    /// <summary>Refuses the first field of <paramref name="body"/> that is not one of <paramref name="known"/>.</summary>
    private static void KnownFields(JsonElement body, string prefix, string[] known)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (JsonProperty property in body.EnumerateObject())
        {
            if (Array.IndexOf(known, property.Name) < 0)
            {
                throw ApiErrors.UnknownParameter(prefix + property.Name);
            }
        }
    }

    private static void AssistantFields(JsonElement body)
    {
        JsonChecks.OptionalString(body, "name", string.Empty, 256);
        JsonChecks.OptionalString(body, "description", string.Empty, 512);
        JsonChecks.OptionalString(body, "instructions", string.Empty, 256_000);
        JsonChecks.OptionalString(body, "reasoning_effort", string.Empty);
        Tools(body, string.Empty, 128);
        ToolResources(body, string.Empty);
        Metadata(body, string.Empty);
        JsonChecks.OptionalNumber(body, "temperature", string.Empty, 0, 2);
        JsonChecks.OptionalNumber(body, "top_p", string.Empty, 0, 1);
        ResponseFormat(body);
    }

    private static void RunFields(JsonElement body)
    {
        JsonChecks.OptionalString(body, "model", string.Empty, 256, minLength: 1);
        JsonChecks.OptionalString(body, "instructions", string.Empty, 256_000);
        JsonChecks.OptionalString(body, "reasoning_effort", string.Empty);
        Tools(body, string.Empty, 20);
        Metadata(body, string.Empty);
        JsonChecks.OptionalNumber(body, "temperature", string.Empty, 0, 2);
        JsonChecks.OptionalNumber(body, "top_p", string.Empty, 0, 1);
        JsonChecks.OptionalBoolean(body, "stream", string.Empty);
        // The spec says "minimum 256"; the real service accepted smaller limits (max_completion_tokens: 16 ended the run incomplete).
        JsonChecks.OptionalInteger(body, "max_prompt_tokens", string.Empty, 1);
        JsonChecks.OptionalInteger(body, "max_completion_tokens", string.Empty, 1);
        JsonChecks.OptionalBoolean(body, "parallel_tool_calls", string.Empty);
        if (JsonChecks.OptionalObject(body, "truncation_strategy", string.Empty) is JsonElement truncation)
        {
            JsonChecks.RequiredEnum(truncation, "type", "truncation_strategy.", "auto", "last_messages");
            JsonChecks.OptionalInteger(truncation, "last_messages", "truncation_strategy.", 1);
        }

        ToolChoice(body);
        ResponseFormat(body);
    }

    private static void Tools(JsonElement body, string prefix, int maxItems)
    {
        if (JsonChecks.OptionalArray(body, "tools", prefix, maxItems) is not JsonElement tools)
        {
            return;
        }

        int index = 0;
        foreach (JsonElement tool in tools.EnumerateArray())
        {
            string path = $"{prefix}tools[{index++}]";
            if (tool.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.InvalidType(path, "an object", tool);
            }

            string type = JsonChecks.RequiredEnum(tool, "type", path + ".", ToolTypes);
            if (type == "function")
            {
                if (!JsonChecks.TryGet(tool, "function", out JsonElement function))
                {
                    throw ApiErrors.MissingParameter(path + ".function");
                }

                if (function.ValueKind != JsonValueKind.Object)
                {
                    throw ApiErrors.InvalidType(path + ".function", "an object", function);
                }

                string name = JsonChecks.RequiredString(function, "name", path + ".function.");
                if (!FunctionName().IsMatch(name))
                {
                    throw ApiErrors.BadRequest(
                        $"Invalid '{path}.function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{{1,64}}$'.",
                        path + ".function.name",
                        "invalid_value");
                }

                JsonChecks.OptionalString(function, "description", path + ".function.");
                JsonChecks.OptionalObject(function, "parameters", path + ".function.");
                JsonChecks.OptionalBoolean(function, "strict", path + ".function.");
            }
            else if (type == "file_search" && JsonChecks.OptionalObject(tool, "file_search", path + ".") is JsonElement fileSearch)
            {
                JsonChecks.OptionalInteger(fileSearch, "max_num_results", path + ".file_search.", 1, 50);
                if (JsonChecks.OptionalObject(fileSearch, "ranking_options", path + ".file_search.") is JsonElement ranking)
                {
                    JsonChecks.OptionalNumber(ranking, "score_threshold", path + ".file_search.ranking_options.", 0, 1);
                    JsonChecks.OptionalString(ranking, "ranker", path + ".file_search.ranking_options.");
                }
            }
        }
    }

    private static void ToolResources(JsonElement body, string prefix)
    {
        if (JsonChecks.OptionalObject(body, "tool_resources", prefix) is not JsonElement resources)
        {
            return;
        }

        string path = prefix + "tool_resources.";
        if (JsonChecks.OptionalObject(resources, "code_interpreter", path) is JsonElement codeInterpreter)
        {
            JsonChecks.StringArray(codeInterpreter, "file_ids", path + "code_interpreter.", 20);
        }

        if (JsonChecks.OptionalObject(resources, "file_search", path) is JsonElement fileSearch)
        {
            JsonChecks.StringArray(fileSearch, "vector_store_ids", path + "file_search.", 1);
            JsonChecks.OptionalArray(fileSearch, "vector_stores", path + "file_search.", 1);
        }
    }

    private static void Metadata(JsonElement body, string prefix)
    {
        if (JsonChecks.OptionalObject(body, "metadata", prefix) is not JsonElement metadata)
        {
            return;
        }

        string param = prefix + "metadata";
        int count = 0;
        foreach (JsonProperty pair in metadata.EnumerateObject())
        {
            count++;
            if (pair.Name.Length > MaxMetadataKeyLength)
            {
                throw ApiErrors.BadRequest(
                    $"Invalid '{param}': key '{ApiErrors.Shorten(pair.Name)}' is too long. Keys can be a maximum of {MaxMetadataKeyLength} characters long.",
                    param,
                    "string_above_max_length");
            }

            JsonChecks.StringValue(pair.Value, $"{param}.{pair.Name}", MaxMetadataValueLength);
        }

        if (count > MaxMetadataPairs)
        {
            throw ApiErrors.BadRequest(
                $"Invalid '{param}': too many properties. Expected an object with at most {MaxMetadataPairs} properties, but got an object with {count} properties instead.",
                param,
                "object_above_max_properties");
        }
    }

    private static void ToolChoice(JsonElement body)
    {
        if (!JsonChecks.TryGet(body, "tool_choice", out JsonElement choice))
        {
            return;
        }

        if (choice.ValueKind == JsonValueKind.String)
        {
            JsonChecks.OptionalEnum(body, "tool_choice", string.Empty, ToolChoiceModes);
            return;
        }

        if (choice.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType("tool_choice", "a string or an object", choice);
        }

        string type = JsonChecks.RequiredEnum(choice, "type", "tool_choice.", ToolTypes);
        if (type == "function")
        {
            if (JsonChecks.OptionalObject(choice, "function", "tool_choice.") is not JsonElement function)
            {
                throw ApiErrors.MissingParameter("tool_choice.function");
            }

            JsonChecks.RequiredString(function, "name", "tool_choice.function.", minLength: 1);
        }
    }

    private static void ResponseFormat(JsonElement body)
    {
        if (!JsonChecks.TryGet(body, "response_format", out JsonElement format))
        {
            return;
        }

        if (format.ValueKind == JsonValueKind.String)
        {
            JsonChecks.OptionalEnum(body, "response_format", string.Empty, "auto");
            return;
        }

        if (format.ValueKind != JsonValueKind.Object)
        {
            throw ApiErrors.InvalidType("response_format", "'auto' or an object", format);
        }

        string type = JsonChecks.RequiredEnum(format, "type", "response_format.", ResponseFormatTypes);
        if (type == "json_schema")
        {
            if (JsonChecks.OptionalObject(format, "json_schema", "response_format.") is not JsonElement schema)
            {
                throw ApiErrors.MissingParameter("response_format.json_schema");
            }

            JsonChecks.RequiredString(schema, "name", "response_format.json_schema.", 64, minLength: 1);
            JsonChecks.OptionalObject(schema, "schema", "response_format.json_schema.");
        }
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

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
