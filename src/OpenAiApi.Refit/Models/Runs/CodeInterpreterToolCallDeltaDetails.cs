using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A fragment of the code of a code interpreter call and its new outputs, while streaming.</summary>
public sealed class CodeInterpreterToolCallDeltaDetails
{
    /// <summary>Gets the fragment of the code.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the new or changed outputs, each identified by its <see cref="CodeInterpreterOutputDelta.Index"/>.</summary>
    public IReadOnlyList<CodeInterpreterOutputDelta> Outputs { get; init => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
