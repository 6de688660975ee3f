namespace OpenAiApi.Refit;

/// <summary>How <c>RunToCompletionAsync</c> and <c>RunToCompletionStreamingAsync</c> answer a run's tool calls: how many rounds,
/// how long one call may take, how errors are reported to the model, and how the run is waited for.</summary>
public sealed class RunCompletionOptions
{
    /// <summary>The default number of tool-call rounds: 10.</summary>
    public const int DefaultMaxRounds = 10;

    /// <summary>The default time one function call may take: 30 seconds.</summary>
    public static readonly TimeSpan DefaultToolCallTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets how many times the loop answers <c>requires_action</c> (default 10). When the run asks once more,
    /// the loop throws <see cref="InvalidOperationException"/> and leaves the run in <c>requires_action</c>.</summary>
    public int MaxRounds { get; set; } = DefaultMaxRounds;

    /// <summary>Gets or sets how long one function call may take (default 30 s), or <see cref="Timeout.InfiniteTimeSpan"/> for no
    /// limit. A call that takes longer has its <see cref="CancellationToken"/> cancelled and is answered with an error output
    /// telling the model it timed out; the loop does not wait for it.</summary>
    public TimeSpan ToolCallTimeout { get; set; } = DefaultToolCallTimeout;

    /// <summary>Gets or sets a value indicating whether the output for a function that threw names the exception type and message
    /// (default <see langword="false"/>: the model is told only that the function failed, so that no internal detail reaches it).
    /// Unknown functions, invalid arguments and timeouts are always described.</summary>
    public bool IncludeDetailedErrors { get; set; }

    /// <summary>Gets or sets how the polling loop waits for the run (interval, deadline per wait, clock), or <see langword="null"/>
    /// for the defaults. Its <see cref="RunWaitOptions.TimeProvider"/> also times <see cref="ToolCallTimeout"/>, and its
    /// <see cref="RunWaitOptions.CancelRunOnCancellation"/> applies to the whole loop.</summary>
    public RunWaitOptions? PollOptions { get; set; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <param name="parameterName">The name of the parameter that carried the options.</param>
    internal void Validate(string parameterName)
    {
        if (MaxRounds < 1)
        {
            throw new ArgumentOutOfRangeException(parameterName, MaxRounds, $"{nameof(MaxRounds)} must be at least 1.");
        }

        if (ToolCallTimeout != Timeout.InfiniteTimeSpan && (ToolCallTimeout <= TimeSpan.Zero || ToolCallTimeout > RunWaitOptions.MaxDelay))
        {
            throw new ArgumentOutOfRangeException(
                parameterName, ToolCallTimeout, $"{nameof(ToolCallTimeout)} must be positive and at most {RunWaitOptions.MaxDelay}, or infinite.");
        }

        PollOptions?.Validate(parameterName);
    }
}
