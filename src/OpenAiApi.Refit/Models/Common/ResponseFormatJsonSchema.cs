using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The JSON schema the model's output must match (the <c>json_schema</c> object of a <c>json_schema</c> response format).</summary>
public sealed class ResponseFormatJsonSchema
{
    /// <summary>Gets or sets the name of the format (a-z, A-Z, 0-9, underscores and dashes, at most 64 characters); the wire requires it.</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets what the format is for; the model uses it to decide how to answer.</summary>
    public string? Description { get; set; }

    /// <summary>Gets or sets the schema, a JSON Schema object.</summary>
    public JsonElement? Schema { get; set; }

    /// <summary>Gets or sets a value indicating whether the model must follow <see cref="Schema"/> exactly (Structured Outputs).</summary>
    public bool? Strict { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
