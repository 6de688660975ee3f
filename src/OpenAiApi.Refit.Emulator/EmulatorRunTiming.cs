namespace OpenAiApi.Refit.Emulator;

/// <summary>How fast the emulator's runs move.</summary>
/// <remarks>
/// <see cref="Instant"/> (the default) is for tests: a polled run is <c>queued</c> in the create response and finished by the
/// next request that touches its thread; streams send their events back to back. <see cref="Realistic"/> is for demos: runs
/// take a few hundred milliseconds per state and streamed text arrives word by word.
/// </remarks>
public sealed class EmulatorRunTiming
{
    /// <summary>Gets a new timing with no delays: runs finish as soon as they are looked at.</summary>
    public static EmulatorRunTiming Instant => new();

    /// <summary>Gets a new timing with demo-friendly delays (400 ms per run transition, 40 ms between streamed events).</summary>
    public static EmulatorRunTiming Realistic => new()
    {
        TransitionDelay = TimeSpan.FromMilliseconds(400),
        StreamEventDelay = TimeSpan.FromMilliseconds(40),
        PollAfter = TimeSpan.FromMilliseconds(250),
    };

    /// <summary>Gets or sets the time between two states of a polled run (queued → in_progress → … → completed).</summary>
    public TimeSpan TransitionDelay { get; set; }

    /// <summary>Gets or sets the pause between two events of a streamed run.</summary>
    public TimeSpan StreamEventDelay { get; set; }

    /// <summary>Gets or sets the <c>openai-poll-after-ms</c> hint sent with runs; <see langword="null"/> sends
    /// <see cref="TransitionDelay"/>.</summary>
    public TimeSpan? PollAfter { get; set; }
}
