using System.Globalization;
using System.Text.Json;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The emulator's error catalogue, worded like the real service's messages.</summary>
internal static class ApiErrors
{
    public const string InvalidRequest = "invalid_request_error";

    public static EmulatorApiException BadRequest(string message, string? param = null, string? code = null) =>
        new(400, message, InvalidRequest, param, code);

    public static EmulatorApiException InvalidJson() => BadRequest(
        "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. " +
        "The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)");

    public static EmulatorApiException BodyTooLarge(long limit, long actual) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Request body too large: {actual} bytes sent, the limit is {limit} bytes."),
        null,
        "request_too_large");

    public static EmulatorApiException MissingParameter(string param) =>
        BadRequest($"Missing required parameter: '{param}'.", param, "missing_required_parameter");

    public static EmulatorApiException UnknownParameter(string param) =>
        BadRequest($"Unrecognized request argument supplied: {Shorten(param)}", Shorten(param), "unknown_parameter");

    public static EmulatorApiException InvalidType(string param, string expected, JsonElement actual) =>
        BadRequest($"Invalid type for '{param}': expected {expected}, but got {Describe(actual)} instead.", param, "invalid_type");

    public static EmulatorApiException InvalidValue(string param, string value, params string[] supported) =>
        BadRequest($"Invalid value: '{Shorten(value)}'. Supported values are: {JoinQuoted(supported)}.", param, "invalid_value");

    public static EmulatorApiException StringTooLong(string param, int max, int length) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': string too long. Expected a string with maximum length {max}, but got a string with length {length} instead."),
        param,
        "string_above_max_length");

    public static EmulatorApiException StringTooShort(string param, int min, int length) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': string too short. Expected a string with minimum length {min}, but got a string with length {length} instead."),
        param,
        "string_below_min_length");

    public static EmulatorApiException ArrayTooLong(string param, int max, int length) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': array too long. Expected an array with maximum length {max}, but got an array with length {length} instead."),
        param,
        "array_above_max_length");

    public static EmulatorApiException ArrayTooShort(string param, int min, int length) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': empty array. Expected an array with minimum length {min}, but got an array with length {length} instead."),
        param,
        "empty_array");

    public static EmulatorApiException AboveMaximum(string param, double max, double value, bool integer) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': {(integer ? "integer" : "decimal")} above maximum value. Expected a value <= {max}, but got {value} instead."),
        param,
        integer ? "integer_above_max_value" : "decimal_above_max_value");

    public static EmulatorApiException BelowMinimum(string param, double min, double value, bool integer) => BadRequest(
        string.Create(CultureInfo.InvariantCulture, $"Invalid '{param}': {(integer ? "integer" : "decimal")} below minimum value. Expected a value >= {min}, but got {value} instead."),
        param,
        integer ? "integer_below_min_value" : "decimal_below_min_value");

    public static EmulatorApiException InvalidId(string param, string value) => BadRequest(
        $"Invalid '{param}': '{Shorten(value)}'. Expected an ID that contains letters, numbers, underscores, or dashes, but this value contained additional characters or was empty or too long.",
        param,
        "invalid_value");

    public static EmulatorApiException NotFound(string kind, string id) =>
        new(404, $"No {kind} found with id '{Shorten(id)}'.", InvalidRequest, null, null);

    public static EmulatorApiException InvalidUrl(string method, string path, int status = 404) =>
        new(status, $"Invalid URL ({method} {Shorten(path)})", InvalidRequest, null, status == 405 ? "method_not_allowed" : null);

    public static EmulatorApiException Deserialization(JsonException exception)
    {
        string? param = exception.Path is null or "$" ? null : exception.Path.StartsWith("$.", StringComparison.Ordinal) ? exception.Path[2..] : exception.Path;
        string detail = exception.Message;
        int cut = detail.IndexOf(" Path:", StringComparison.Ordinal);
        if (cut > 0)
        {
            detail = detail[..cut];
        }

        return BadRequest(param is null ? $"Invalid request body: {detail}" : $"Invalid value for '{param}': {detail}", param, "invalid_value");
    }

    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => element.TryGetInt64(out _) ? "an integer" : "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    public static string Shorten(string value) => value.Length <= 80 ? value : string.Concat(value.AsSpan(0, 77), "...");

    private static string JoinQuoted(string[] values) => values.Length switch
    {
        0 => string.Empty,
        1 => $"'{values[0]}'",
        2 => $"'{values[0]}' and '{values[1]}'",
        _ => string.Join(", ", values[..^1].Select(static v => $"'{v}'")) + $", and '{values[^1]}'",
    };
}
