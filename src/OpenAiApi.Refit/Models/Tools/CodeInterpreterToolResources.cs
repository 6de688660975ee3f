using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The resources of the code interpreter tool.</summary>
public sealed class CodeInterpreterToolResources
{
    /// <summary>Gets or sets the ids of the files made available to the tool (at most 20), or <see langword="null"/> to leave them unset.</summary>
    public IList<string>? FileIds { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
