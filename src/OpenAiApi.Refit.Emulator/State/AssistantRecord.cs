using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>The stored state of an assistant; <see cref="ToModel"/> takes a snapshot for the wire.</summary>
internal sealed class AssistantRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required long CreatedAt { get; init; }

    public required string Model { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Instructions { get; set; }

    public List<ToolDefinition> Tools { get; set; } = [];

    public ToolResources ToolResources { get; set; } = new();

    public Dictionary<string, string> Metadata { get; set; } = [];

    public double Temperature { get; set; } = 1.0;

    public double TopP { get; set; } = 1.0;

    public AssistantResponseFormat ResponseFormat { get; set; } = AssistantResponseFormat.Auto;

    public string? ReasoningEffort { get; set; }

    public Assistant ToModel() => new()
    {
        Id = Id,
        Object = "assistant",
        CreatedAt = CreatedAt,
        Name = Name,
        Description = Description,
        Model = Model,
        Instructions = Instructions,
        Tools = [.. Tools],
        ToolResources = ToolResources,
        Metadata = new Dictionary<string, string>(Metadata),
        Temperature = Temperature,
        TopP = TopP,
        ResponseFormat = ResponseFormat,
        ReasoningEffort = ReasoningEffort,
    };
}
