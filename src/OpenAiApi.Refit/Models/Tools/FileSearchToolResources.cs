using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The resources of the file search tool: the attached vector stores, or (on create) vector stores to create and attach.</summary>
/// <remarks>Set either <see cref="VectorStoreIds"/> or <see cref="VectorStores"/>, not both.</remarks>
public sealed class FileSearchToolResources
{
    /// <summary>Gets or sets the ids of the attached vector stores (at most 1), or <see langword="null"/> to leave them unset.</summary>
    public IList<string>? VectorStoreIds { get; set; }

    /// <summary>Gets or sets vector stores for the server to create from files and attach (at most 1; create requests only).</summary>
    public IList<VectorStoreCreationHelper>? VectorStores { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
