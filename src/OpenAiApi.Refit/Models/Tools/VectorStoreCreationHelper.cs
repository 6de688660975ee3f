using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A vector store for the server to create from files and attach to the file search tool (an item of <c>vector_stores</c>).</summary>
public sealed class VectorStoreCreationHelper
{
    /// <summary>Gets or sets the ids of the files to add to the vector store (at most 10,000).</summary>
    public IList<string>? FileIds { get; set; }

    /// <summary>Gets or sets the chunking strategy as raw JSON, e.g. <c>{"type":"auto"}</c> or
    /// <c>{"type":"static","static":{"max_chunk_size_tokens":800,"chunk_overlap_tokens":400}}</c>; <see langword="null"/> means <c>auto</c>.</summary>
    public JsonElement? ChunkingStrategy { get; set; }

    /// <summary>Gets or sets the metadata of the vector store: at most 16 pairs, keys of at most 64 characters, values of at most 512.</summary>
    public IDictionary<string, string>? Metadata { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
