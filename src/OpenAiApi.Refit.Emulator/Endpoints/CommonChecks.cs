using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAiApi.Refit.Emulator.Http;

namespace OpenAiApi.Refit.Emulator.Endpoints;

/// <summary>The request checks more than one resource shares: unknown fields, <c>metadata</c>, <c>tools</c>,
/// <c>tool_resources</c> and <c>response_format</c> (assistants, threads, runs). Each resource's own checks stand beside its
/// endpoints (<c>AssistantChecks</c>, <c>ThreadChecks</c>, <c>MessageChecks</c>, <c>RunChecks</c>); the type and range checks
/// they are built from are <see cref="JsonChecks"/>.</summary>
/// <remarks>The spec's request shapes are checked on the parsed body before it is bound to the library's models, so that a bad
/// body is answered with the parameter path and the real service's wording. A field the spec does not define for the request
/// (its schemas say <c>additionalProperties: false</c>) is refused, as the real service refuses it ("Unrecognized request
/// argument supplied"), so a client that misspells a field or sends a retired one (v1's <c>file_ids</c>) learns it here.</remarks>
internal static partial class CommonChecks
{
    public const int MaxMetadataPairs = 16;
    public const int MaxMetadataKeyLength = 64;
    public const int MaxMetadataValueLength = 512;

    public static readonly string[] ToolTypes = ["code_interpreter", "file_search", "function"];

    private static readonly string[] ResponseFormatTypes = ["text", "json_object", "json_schema"];
    private static readonly string[] MetadataKeys = ["metadata"];

    /// <summary>The body of a modification that takes only <c>metadata</c> (messages, runs).</summary>
    /// <param name="body">The body.</param>
    public static void MetadataOnly(JsonElement body)
    {
        KnownFields(body, string.Empty, MetadataKeys);
        Metadata(body, string.Empty);
    }

    /// <summary>Refuses the first field of <paramref name="body"/> that is not one of <paramref name="known"/>.</summary>
    /// <param name="body">The object.</param>
    /// <param name="prefix">The parameter path of the object, ending in a dot, or empty.</param>
    /// <param name="known">The fields the spec defines.</param>
    public static void KnownFields(JsonElement body, string prefix, string[] known)
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

    public static void Tools(JsonElement body, string prefix, int maxItems)
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

    public static void ToolResources(JsonElement body, string prefix)
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

    public static void Metadata(JsonElement body, string prefix)
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

    public static void ResponseFormat(JsonElement body)
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

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionName();
}
