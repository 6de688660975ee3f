namespace OpenAiApi.Refit;

/// <summary>How the polling helpers (<see cref="RunPollingExtensions.WaitForRunAsync"/> and the <c>…AndWaitAsync</c> methods)
/// wait for a run: the interval between polls, an overall deadline, and whether the run is cancelled on the server when the
/// wait gives up.</summary>
/// <remarks>The helpers read the options once, when the wait starts; changing them during a wait has no effect on it.</remarks>
public sealed class RunWaitOptions
{
    /// <summary>The default interval between two polls: one second, as the official SDKs use.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>The longest interval or timeout accepted (the limit of <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/>).</summary>
    internal static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(uint.MaxValue - 1);

    /// <summary>Gets or sets the interval between two polls when the server suggests none (default 1 s). A response that carries
    /// <c>openai-poll-after-ms</c> (<see cref="Models.ThreadRun.SuggestedPollInterval"/>) sets the wait before the next poll instead.</summary>
    public TimeSpan PollInterval { get; set; } = DefaultPollInterval;

    /// <summary>Gets or sets the longest time the whole wait may take, or <see langword="null"/> (the default) for no limit. When it
    /// elapses the wait throws <see cref="TimeoutException"/>; the request in flight, if any, is abandoned.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Gets or sets a value indicating whether the run is cancelled on the server (<c>POST …/cancel</c>) when
    /// <see cref="Timeout"/> elapses (default <see langword="false"/>). The <see cref="TimeoutException"/> is thrown either way;
    /// a failure of the cancel request is ignored.</summary>
    public bool CancelRunOnTimeout { get; set; }

    /// <summary>Gets or sets a value indicating whether the run is cancelled on the server (<c>POST …/cancel</c>) when the caller's
    /// <see cref="CancellationToken"/> stops the wait (default <see langword="false"/>: after cancellation no request is sent).
    /// The <see cref="OperationCanceledException"/> is thrown either way; a failure of the cancel request is ignored.</summary>
    public bool CancelRunOnCancellation { get; set; }

    /// <summary>Gets or sets the clock that times the polls and the deadline, or <see langword="null"/> (the default) for the client's
    /// clock: the <see cref="System.TimeProvider"/> registered in the client's service provider (a fake one registered by a test
    /// included), else <see cref="TimeProvider.System"/>. Set it to time one wait by another clock (e.g. a mock of
    /// <see cref="IRunsApi"/> in a test).</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>Throws when a value is out of range.</summary>
    /// <param name="parameterName">The name of the parameter that carried the options.</param>
    internal void Validate(string parameterName)
    {
        if (PollInterval <= TimeSpan.Zero || PollInterval > MaxDelay)
        {
            throw new ArgumentOutOfRangeException(parameterName, PollInterval, $"{nameof(PollInterval)} must be positive and at most {MaxDelay}.");
        }

        if (Timeout is { } timeout && (timeout <= TimeSpan.Zero || timeout > MaxDelay))
        {
            throw new ArgumentOutOfRangeException(parameterName, timeout, $"{nameof(Timeout)} must be null, or positive and at most {MaxDelay}.");
        }
    }
}
