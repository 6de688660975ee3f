using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A file attached to a message, and the tools it is added to (used on requests and on responses).</summary>
public sealed class MessageCreationAttachment
{
    /// <summary>Initializes a new instance of the <see cref="MessageCreationAttachment"/> class.</summary>
    public MessageCreationAttachment()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="MessageCreationAttachment"/> class.</summary>
    /// <param name="fileId">The id of the file to attach.</param>
    /// <param name="tools">The tools to add the file to: <see cref="CodeInterpreterToolDefinition"/> and/or <see cref="FileSearchToolDefinition"/>.</param>
    public MessageCreationAttachment(string fileId, params IEnumerable<ToolDefinition> tools)
    {
        FileId = fileId;
        Tools = [.. tools];
    }

    /// <summary>Gets or sets the id of the attached file (required on requests).</summary>
    public string? FileId { get; set; }

    /// <summary>Gets or sets the tools the file is added to: <see cref="CodeInterpreterToolDefinition"/> and/or
    /// <see cref="FileSearchToolDefinition"/> (type only).</summary>
    public IList<ToolDefinition> Tools { get; set => field = value ?? []; } = [];

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
