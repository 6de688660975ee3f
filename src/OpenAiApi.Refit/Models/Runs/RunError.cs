using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The last error of a run or a run step.</summary>
public sealed class RunError
{
    /// <summary>Gets the error code, e.g. <c>server_error</c>, <c>rate_limit_exceeded</c> or <c>invalid_prompt</c>;
    /// other values may appear.</summary>
    public string? Code { get; init; }

    /// <summary>Gets a human-readable description of the error.</summary>
    public string? Message { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
