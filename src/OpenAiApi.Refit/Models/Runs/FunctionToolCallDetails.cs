using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The function a function call of a run step called, its arguments and its output.</summary>
public sealed class FunctionToolCallDetails
{
    /// <summary>Gets the name of the function.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the arguments passed to the function, a JSON string (a fragment of it while streaming).</summary>
    public string? Arguments { get; init; }

    /// <summary>Gets the output of the function, or <see langword="null"/> until the outputs are submitted.</summary>
    public string? Output { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
