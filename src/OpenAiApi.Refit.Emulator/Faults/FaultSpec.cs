namespace OpenAiApi.Refit.Emulator.Faults;

/// <summary>One parsed fault of the <c>x-emulator-fault</c> grammar (see <see cref="FaultParser"/>).</summary>
internal sealed record FaultSpec
{
    public required FaultKind Kind { get; init; }

    /// <summary>Gets how many requests (or streams) the fault hits.</summary>
    public int Count { get; init; } = 1;

    /// <summary>Gets the status of a <see cref="FaultKind.Status"/> fault.</summary>
    public int StatusCode { get; init; }

    /// <summary>Gets the <c>Retry-After</c> value (seconds), if any.</summary>
    public string? RetryAfter { get; init; }

    /// <summary>Gets the <c>retry-after-ms</c> value, if any.</summary>
    public string? RetryAfterMs { get; init; }

    /// <summary>Gets the <c>x-should-retry</c> value, if any.</summary>
    public string? ShouldRetry { get; init; }

    /// <summary>Gets the error <c>code</c>, if any.</summary>
    public string? Code { get; init; }

    /// <summary>Gets the delay of <see cref="FaultKind.Slow"/> and <see cref="FaultKind.StallStream"/>; <see langword="null"/> stalls until the client gives up.</summary>
    public TimeSpan? Delay { get; init; }

    /// <summary>Gets the number of events sent before a stream fault strikes.</summary>
    public int After { get; init; }

    /// <summary>Gets a value indicating whether a cut stream ends cleanly (no <c>done</c>) instead of resetting the connection.</summary>
    public bool EndCleanly { get; init; } = true;

    public bool IsStreamFault => Kind is FaultKind.CutStream or FaultKind.StallStream or FaultKind.StreamError;

    public bool IsRunFault => Kind is FaultKind.RunFailed;
}
