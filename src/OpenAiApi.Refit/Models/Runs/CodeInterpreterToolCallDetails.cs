using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The code a code interpreter call ran and its outputs.</summary>
public sealed class CodeInterpreterToolCallDetails
{
    /// <summary>Gets the code that was run.</summary>
    public string? Input { get; init; }

    /// <summary>Gets the outputs: text (<see cref="CodeInterpreterLogsOutput"/>) or images (<see cref="CodeInterpreterImageOutput"/>).</summary>
    public IReadOnlyList<CodeInterpreterOutput> Outputs { get; init => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
