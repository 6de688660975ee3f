using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The function a run asks the caller to run.</summary>
public sealed class RunToolCallFunction
{
    /// <summary>Gets the name of the function.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the arguments to pass to the function, a JSON string.</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
