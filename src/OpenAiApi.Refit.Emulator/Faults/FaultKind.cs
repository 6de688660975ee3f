namespace OpenAiApi.Refit.Emulator.Faults;

/// <summary>The kinds of injected fault.</summary>
internal enum FaultKind
{
    /// <summary>Answer with an HTTP error status (e.g. 429, 500, 503).</summary>
    Status,

    /// <summary>Answer normally after a delay.</summary>
    Slow,

    /// <summary>Cut an event stream after some events.</summary>
    CutStream,

    /// <summary>Pause an event stream after some events.</summary>
    StallStream,

    /// <summary>Send an <c>error</c> event after some events, then end the stream.</summary>
    StreamError,

    /// <summary>The next run that is ready for a step fails instead (<c>failed</c>, <c>last_error</c>, <c>failed_at</c>).</summary>
    RunFailed,
}
