using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The body of modify-run: the fields of a run that can change.</summary>
public sealed class RunModificationOptions
{
    /// <summary>Gets or sets the metadata of the run (at most 16 pairs); replaces the existing metadata.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
