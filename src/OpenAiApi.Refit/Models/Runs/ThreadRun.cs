using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>A run: one execution of an assistant on a thread (<c>thread.run</c>).</summary>
public sealed class ThreadRun
{
    /// <summary>Gets the id of the run.</summary>
    public string Id { get; init => field = value ?? string.Empty; } = string.Empty;

    /// <summary>Gets the object type, always <c>thread.run</c>.</summary>
    public string? Object { get; init; }

    /// <summary>Gets when the run was created, in Unix seconds.</summary>
    public long? CreatedAt { get; init; }

    /// <summary>Gets the id of the thread the run executes on.</summary>
    public string? ThreadId { get; init; }

    /// <summary>Gets the id of the assistant executing the run.</summary>
    public string? AssistantId { get; init; }

    /// <summary>Gets the status of the run.</summary>
    public RunStatus? Status { get; init; }

    /// <summary>Gets the action required to continue the run, or <see langword="null"/> when none is required.</summary>
    public RequiredAction? RequiredAction { get; init; }

    /// <summary>Gets the last error of the run, or <see langword="null"/> when there is none.</summary>
    public RunError? LastError { get; init; }

    /// <summary>Gets when the run will expire, in Unix seconds.</summary>
    public long? ExpiresAt { get; init; }

    /// <summary>Gets when the run was started, in Unix seconds.</summary>
    public long? StartedAt { get; init; }

    /// <summary>Gets when the run was cancelled, in Unix seconds.</summary>
    public long? CancelledAt { get; init; }

    /// <summary>Gets when the run failed, in Unix seconds.</summary>
    public long? FailedAt { get; init; }

    /// <summary>Gets when the run completed, in Unix seconds.</summary>
    public long? CompletedAt { get; init; }

    /// <summary>Gets why the run is incomplete, or <see langword="null"/> when it is not.</summary>
    public RunIncompleteDetails? IncompleteDetails { get; init; }

    /// <summary>Gets the model used for the run.</summary>
    public string? Model { get; init; }

    /// <summary>Gets the reasoning effort used for the run (reasoning models only; not in the published spec).</summary>
    public string? ReasoningEffort { get; init; }

    /// <summary>Gets the instructions used for the run.</summary>
    public string? Instructions { get; init; }

    /// <summary>Gets the tools used for the run.</summary>
    public IReadOnlyList<ToolDefinition> Tools { get; init => field = value ?? []; } = [];

    /// <summary>Gets the resources of the tools used for the run (not in the published spec).</summary>
    public ToolResources? ToolResources { get; init; }

    /// <summary>Gets the metadata attached to the run.</summary>
    public IReadOnlyDictionary<string, string>? Metadata { get; init; }

    /// <summary>Gets the token usage of the run, or <see langword="null"/> while the run has not ended.</summary>
    public RunTokenUsage? Usage { get; init; }

    /// <summary>Gets the sampling temperature used for the run.</summary>
    public double? Temperature { get; init; }

    /// <summary>Gets the nucleus sampling value used for the run.</summary>
    public double? TopP { get; init; }

    /// <summary>Gets the maximum number of prompt tokens the run may use.</summary>
    public int? MaxPromptTokens { get; init; }

    /// <summary>Gets the maximum number of completion tokens the run may use.</summary>
    public int? MaxCompletionTokens { get; init; }

    /// <summary>Gets how the thread was truncated before the run.</summary>
    public RunTruncationStrategy? TruncationStrategy { get; init; }

    /// <summary>Gets which tool, if any, the model was made to call.</summary>
    public ToolConstraint? ToolChoice { get; init; }

    /// <summary>Gets a value indicating whether parallel function calling was enabled.</summary>
    public bool? ParallelToolCalls { get; init; }

    /// <summary>Gets the response format of the run.</summary>
    public AssistantResponseFormat? ResponseFormat { get; init; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>The shortest poll interval the helpers use: a server hint below it (e.g. <c>openai-poll-after-ms: 0</c>) is raised
    /// to 100 ms, so a waiting run never polls in a hot loop.</summary>
    public static readonly TimeSpan MinSuggestedPollInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest poll interval a server hint can set: a hint above it is lowered to 10 s, so a run that ends is seen
    /// within 10 s whatever the server suggested.</summary>
    public static readonly TimeSpan MaxSuggestedPollInterval = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the polling interval the server suggested with this response (<c>openai-poll-after-ms</c>), if it sent
    /// one, clamped to <see cref="MinSuggestedPollInterval"/> (100 ms) .. <see cref="MaxSuggestedPollInterval"/> (10 s). Not part of
    /// the JSON; the polling helpers and the tool loop honour it (clamped again, so a value a fake of <see cref="IRunsApi"/> sets
    /// cannot make a hot loop either).</summary>
    [JsonIgnore]
    public TimeSpan? SuggestedPollInterval { get; set; }
}
