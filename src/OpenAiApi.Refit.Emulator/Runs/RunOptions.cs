using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>The run settings shared by create-run and create-thread-and-run.</summary>
internal sealed class RunOptions
{
    public string? Model { get; init; }

    public string? Instructions { get; init; }

    public IList<ToolDefinition>? Tools { get; init; }

    public IDictionary<string, string>? Metadata { get; init; }

    public double? Temperature { get; init; }

    public double? TopP { get; init; }

    public int? MaxPromptTokens { get; init; }

    public int? MaxCompletionTokens { get; init; }

    public RunTruncationStrategy? TruncationStrategy { get; init; }

    public ToolConstraint? ToolChoice { get; init; }

    public bool? ParallelToolCalls { get; init; }

    public AssistantResponseFormat? ResponseFormat { get; init; }

    public string? ReasoningEffort { get; init; }

    public static RunOptions From(RunCreationOptions options) => new()
    {
        Model = options.Model,
        Instructions = options.Instructions,
        Tools = options.Tools,
        Metadata = options.Metadata,
        Temperature = options.Temperature,
        TopP = options.TopP,
        MaxPromptTokens = options.MaxPromptTokens,
        MaxCompletionTokens = options.MaxCompletionTokens,
        TruncationStrategy = options.TruncationStrategy,
        ToolChoice = options.ToolChoice,
        ParallelToolCalls = options.ParallelToolCalls,
        ResponseFormat = options.ResponseFormat,
        ReasoningEffort = options.ReasoningEffort,
    };

    public static RunOptions From(ThreadAndRunCreationOptions options) => new()
    {
        Model = options.Model,
        Instructions = options.Instructions,
        Tools = options.Tools,
        Metadata = options.Metadata,
        Temperature = options.Temperature,
        TopP = options.TopP,
        MaxPromptTokens = options.MaxPromptTokens,
        MaxCompletionTokens = options.MaxCompletionTokens,
        TruncationStrategy = options.TruncationStrategy,
        ToolChoice = options.ToolChoice,
        ParallelToolCalls = options.ParallelToolCalls,
        ResponseFormat = options.ResponseFormat,
    };
}
