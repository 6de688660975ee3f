using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The resources the tools of an assistant, thread or run use: files for the code interpreter, vector stores for file search.</summary>
/// <remarks>Sent on create and modify, and returned by the server; <see cref="FileSearchToolResources.VectorStores"/> is only valid on create.</remarks>
public sealed class ToolResources
{
    /// <summary>Gets or sets the resources of the code interpreter tool (<c>code_interpreter</c>).</summary>
    public CodeInterpreterToolResources? CodeInterpreter { get; set; }

    /// <summary>Gets or sets the resources of the file search tool (<c>file_search</c>).</summary>
    public FileSearchToolResources? FileSearch { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
