using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>The file search tool: lets the model search the files of the vector stores attached through <see cref="ToolResources"/>.</summary>
public sealed class FileSearchToolDefinition : ToolDefinition
{
    /// <summary>Initializes a new instance of the <see cref="FileSearchToolDefinition"/> class.</summary>
    public FileSearchToolDefinition()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FileSearchToolDefinition"/> class with overrides.</summary>
    /// <param name="fileSearch">The overrides of the tool's defaults.</param>
    public FileSearchToolDefinition(FileSearchToolOverrides? fileSearch)
    {
        FileSearch = fileSearch;
    }

    /// <inheritdoc />
    public override string Type => "file_search";

    /// <summary>Gets or sets the overrides of the tool's defaults (<c>file_search</c>), or <see langword="null"/> for the server's defaults.</summary>
    [JsonConverter(typeof(OwnReadStackConverter<FileSearchToolOverrides>))]
    public FileSearchToolOverrides? FileSearch { get; set; }
}
