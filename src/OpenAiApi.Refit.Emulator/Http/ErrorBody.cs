using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The spec's <c>Error</c> object; <c>param</c> and <c>code</c> are always written, <see langword="null"/> or not.</summary>
/// <param name="Message">A human-readable message.</param>
/// <param name="Type">The error type, e.g. <c>invalid_request_error</c>.</param>
/// <param name="Param">The offending parameter.</param>
/// <param name="Code">A machine-readable code.</param>
internal sealed record ErrorBody(
    string Message,
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Param,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Code);
