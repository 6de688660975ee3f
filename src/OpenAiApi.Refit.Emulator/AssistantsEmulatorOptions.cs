using Microsoft.Extensions.Logging;

namespace OpenAiApi.Refit.Emulator;

/// <summary>Options of an <see cref="AssistantsEmulator"/>.</summary>
public sealed class AssistantsEmulatorOptions
{
    /// <summary>The key accepted by default.</summary>
    public const string DefaultApiKey = "sk-emulator";

    /// <summary>The default request body limit: 1 MiB.</summary>
    public const long DefaultMaxRequestBodySize = 1024 * 1024;

    /// <summary>Gets or sets the API key the emulator accepts as <c>Authorization: Bearer …</c> (or <c>api-key: …</c>).
    /// <see langword="null"/> or empty accepts any non-empty key. A request without a key is always answered 401.</summary>
    public string? ApiKey { get; set; } = DefaultApiKey;

    /// <summary>Gets or sets a value indicating whether requests must carry <c>OpenAI-Beta: assistants=v2</c>, as the real
    /// service demanded (400 <c>invalid_beta</c> otherwise). Off by default, for clients configured for servers that want none.</summary>
    public bool RequireBetaHeader { get; set; }

    /// <summary>Gets or sets how fast runs move; <see cref="EmulatorRunTiming.Instant"/> by default.</summary>
    public EmulatorRunTiming Timing { get; set; } = EmulatorRunTiming.Instant;

    /// <summary>Gets or sets how long an active run lives before it expires (10 minutes, like the real service).</summary>
    public TimeSpan RunExpiration { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Gets or sets the largest accepted request body in bytes; a larger one is answered 400.</summary>
    public long MaxRequestBodySize { get; set; } = DefaultMaxRequestBodySize;

    /// <summary>Gets or sets the port of an in-process emulator (on 127.0.0.1); 0, the default, picks a free one.</summary>
    public int Port { get; set; }

    /// <summary>Gets faults armed at start, in the <c>x-emulator-fault</c> grammar (e.g. <c>429;count=2;retry-after=1</c>).</summary>
    public IList<string> Faults { get; } = [];

    /// <summary>Gets or sets the clock: timestamps, run transitions, stream pauses and slow faults use it.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// Gets or sets the SQLite file that keeps the emulator's state across restarts (created, with its folder, when missing;
    /// relative to the current directory). <see langword="null"/>, the default, keeps everything in memory.
    /// </summary>
    /// <remarks>
    /// With a file, every call's changes are committed before it is answered, in one transaction, and everything is loaded back
    /// on start: assistants, threads, messages, runs, steps, metadata, ids, list order and cursors. A run that was
    /// <c>queued</c> or <c>in_progress</c> when the process ended comes back <c>failed</c> with <c>last_error.code</c>
    /// <c>server_error</c>; a <c>requires_action</c> run still takes its tool outputs. One process at a time uses a file: a
    /// second emulator on the same file fails to start, as does a file written by a newer emulator (it is left untouched).
    /// See <c>docs/emulator-storage.md</c>.
    /// </remarks>
    public string? DataPath { get; set; }

    /// <summary>Gets the chat model behind runs; nothing configured (the default) keeps the deterministic scripted model.</summary>
    public EmulatorChatModelOptions ChatModel { get; } = new();

    /// <summary>Gets or sets a logging configuration. An in-process emulator logs nothing unless this is set.</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; set; }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Timing);
        ArgumentNullException.ThrowIfNull(TimeProvider);
        ChatModel.Validate();
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxRequestBodySize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RunExpiration, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfLessThan(Timing.TransitionDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(Timing.StreamEventDelay, TimeSpan.Zero);
        if (DataPath is not null && string.IsNullOrWhiteSpace(DataPath))
        {
            throw new ArgumentException("The data path must name a file, or be null to keep the state in memory.", nameof(DataPath));
        }

        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The port must be 0 to 65535.");
        }
    }
}
