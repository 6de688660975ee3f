using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Reads the OpenAI error object and the useful headers of an error response, and picks the exception type.</summary>
internal static class OpenAIErrorParser
{
    /// <summary>The fields of the OpenAI error object.</summary>
    public readonly record struct ErrorBody(string? Type, string? Code, string? Param, string? Message);

    /// <summary>Parses <c>{"error":{…}}</c> or a bare <c>{message,type,code,param}</c>; anything else gives an empty result.</summary>
    public static ErrorBody ParseBody(string? body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.AsSpan().TrimStart()[0] != '{')
        {
            return default;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            return ParseElement(document.RootElement);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    /// <summary>Parses an error object already in memory (also used for the SSE <c>error</c> event).</summary>
    public static ErrorBody ParseElement(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        JsonElement error = root.TryGetProperty("error", out JsonElement inner) && inner.ValueKind == JsonValueKind.Object ? inner : root;
        return new ErrorBody(Text(error, "type"), Text(error, "code"), Text(error, "param"), Text(error, "message"));
    }

    /// <summary>Builds the typed exception for an error response whose body has been read, at most
    /// <see cref="OpenAIAssistantsClientOptions.MaxErrorContentLength"/> characters of it (the exception keeps it as is).</summary>
    public static OpenAIApiException CreateException(HttpResponseMessage response, string? body, Uri? baseAddress, DateTimeOffset now)
    {
        ErrorBody error = ParseBody(body);
        string? path = response.RequestMessage?.RequestUri?.AbsolutePath;
        var details = new OpenAIErrorDetails
        {
            StatusCode = response.StatusCode,
            ReasonPhrase = response.ReasonPhrase,
            ErrorType = error.Type,
            ErrorCode = error.Code,
            Param = error.Param,
            ErrorMessage = error.Message,
            RequestId = WireHeaders.RequestIdOf(response),
            RetryAfter = WireHeaders.RetryAfterOf(response.Headers, now),
            ResponseBody = body, // already capped where it was read (MaxErrorContentLength)
            RequestPath = path,
            RateLimits = WireHeaders.RateLimitsOf(response.Headers),
        };

        int status = (int)response.StatusCode;
        if (status == 410 || (status == 404 && IsMissingEndpoint(error, response.RequestMessage)))
        {
            return new AssistantsApiUnavailableException(details, baseAddress);
        }

        return status switch
        {
            400 => new OpenAIBadRequestException(details),
            401 => new OpenAIAuthenticationException(details),
            403 => new OpenAIPermissionDeniedException(details),
            404 => new OpenAINotFoundException(details),
            409 => new OpenAIConflictException(details),
            422 => new OpenAIUnprocessableEntityException(details),
            429 => new OpenAIRateLimitException(details),
            >= 500 => new OpenAIInternalServerException(details),
            _ => new OpenAIApiException(details),
        };
    }

    /// <summary>Whether a 404 says the endpoint itself is missing rather than an object: OpenAI's <c>Invalid URL (…)</c> error on any
    /// route, or, on a route that takes no id, any 404 that is not about a named object. A working server's
    /// <c>No assistant found with id '…'</c> on <c>POST /threads/runs</c> (an unknown <c>assistant_id</c>) stays a not-found.</summary>
    internal static bool IsMissingEndpoint(ErrorBody error, HttpRequestMessage? request) =>
        error.Message?.StartsWith("Invalid URL", StringComparison.OrdinalIgnoreCase) == true
        || (IsCollectionRoute(request) && error.Message?.Contains("found with id", StringComparison.OrdinalIgnoreCase) != true);

    /// <summary>Whether the request went to one of the routes that take no id (<c>/assistants</c>, <c>/threads</c>,
    /// <c>/threads/runs</c>), by the route template Refit's generated code put on it: a 404 there means the API itself is missing,
    /// not an object. A request that did not come through the interfaces has no template and is not one.</summary>
    internal static bool IsCollectionRoute(HttpRequestMessage? request) =>
        request is not null
        && request.Options.TryGetValue(RequestOptionKeys.RouteTemplate, out string? template)
        && !string.IsNullOrEmpty(template)
        && !template.Contains('{', StringComparison.Ordinal);

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
            _ => null,
        } : null;

    /// <summary>Whether the status code is one the client retries when the server gives no <c>x-should-retry</c>.</summary>
    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
