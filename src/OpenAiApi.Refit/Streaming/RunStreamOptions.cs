namespace OpenAiApi.Refit.Streaming;

/// <summary>Settings of one run stream read by the streaming helpers (<c>CreateRunStreamingAsync</c> and the others).</summary>
public sealed class RunStreamOptions
{
    /// <summary>The default largest size of one event: 16 MiB.</summary>
    public const int DefaultMaxEventBytes = 16 * 1024 * 1024;

    /// <summary>Gets or sets how long the stream may stay silent (no complete event) before it fails with
    /// <see cref="OpenAITimeoutException"/>; <see cref="Timeout.InfiniteTimeSpan"/> for no limit.
    /// <see langword="null"/> (the default) uses the client's <see cref="OpenAIAssistantsClientOptions.StreamIdleTimeout"/>, or
    /// <see cref="OpenAIAssistantsClientOptions.DefaultStreamIdleTimeout"/> when the interface is not backed by this library's pipeline
    /// (e.g. a mock).</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>Gets or sets the largest number of bytes read for one event before the stream fails with
    /// <see cref="OpenAIStreamException"/> (default <see cref="DefaultMaxEventBytes"/>), so a hostile or broken server
    /// cannot make the client buffer without end.</summary>
    public int MaxEventBytes { get; set; } = DefaultMaxEventBytes;

    /// <summary>Throws unless the settings are usable.</summary>
    /// <param name="parameterName">The name of the parameter holding these options.</param>
    internal void Validate(string parameterName)
    {
        if (IdleTimeout is { } idle && idle != Timeout.InfiniteTimeSpan && (idle <= TimeSpan.Zero || idle.TotalMilliseconds > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException($"{parameterName}.{nameof(IdleTimeout)}", idle, "The idle timeout must be positive (at most 24 days) or Timeout.InfiniteTimeSpan.");
        }

        if (MaxEventBytes <= 0)
        {
            throw new ArgumentOutOfRangeException($"{parameterName}.{nameof(MaxEventBytes)}", MaxEventBytes, "The largest event size must be positive.");
        }
    }
}
