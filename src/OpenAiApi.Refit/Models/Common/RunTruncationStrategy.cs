using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>How the thread is truncated before a run, to control the run's initial context window (<c>truncation_strategy</c>).</summary>
public sealed class RunTruncationStrategy
{
    /// <summary>Gets or sets the strategy; <c>auto</c> unless set (<see langword="null"/> only when a server sent none).</summary>
    public RunTruncationStrategyType? Type { get; set; } = RunTruncationStrategyType.Auto;

    /// <summary>Gets or sets the number of most recent messages kept, when <see cref="Type"/> is <c>last_messages</c> (at least 1).</summary>
    public int? LastMessages { get; set; }

    /// <summary>Gets or sets the fields this library does not model.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Creates a <c>last_messages</c> strategy.</summary>
    /// <param name="count">The number of most recent messages to keep (at least 1).</param>
    /// <returns>The strategy.</returns>
    public static RunTruncationStrategy ForLastMessages(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new() { Type = RunTruncationStrategyType.LastMessages, LastMessages = count };
    }
}
