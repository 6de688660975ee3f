using OpenAiApi.Refit.Emulator;

namespace OpenAiApi.Refit.Demo;

/// <summary>Where the demo runs and how.</summary>
public sealed class DemoSettings
{
    /// <summary>Gets the server's base address (<c>OPENAI_BASE_URL</c>); <see langword="null"/> starts the built-in emulator.</summary>
    public string? BaseUrl { get; init; }

    /// <summary>Gets the API key (<c>OPENAI_API_KEY</c>); required with <see cref="BaseUrl"/>.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Gets the model (<c>OPENAI_MODEL</c>, default <c>gpt-4o-mini</c>).</summary>
    public string? Model { get; init; }

    /// <summary>Gets an OpenAI-compatible chat endpoint (<c>OPENAI_MODEL_ENDPOINT</c>, e.g. <c>http://localhost:11434/v1</c>): when set
    /// (and <see cref="BaseUrl"/> is not), the built-in emulator's runs are answered by that chat model, whose key is read from
    /// <c>OPENAI_API_KEY</c>.</summary>
    public string? ModelEndpoint { get; init; }

    /// <summary>Gets how fast the built-in emulator runs (realistic by default, so the stream is visible).</summary>
    public EmulatorRunTiming EmulatorTiming { get; init; } = EmulatorRunTiming.Realistic;
}
