using Microsoft.Extensions.AI;

namespace OpenAiApi.Refit.Emulator;

/// <summary>
/// The chat model behind an emulator's runs (<see cref="AssistantsEmulatorOptions.ChatModel"/>). Nothing set: the deterministic
/// scripted model answers. Set <see cref="ChatClient"/>, <see cref="ChatClientFactory"/> or <see cref="Endpoint"/>: every run is
/// answered by that chat model, through <c>Microsoft.Extensions.AI</c>.
/// </summary>
/// <remarks>
/// <para>In-process, with any <see cref="IChatClient"/> (OpenAI, Azure OpenAI, Ollama, a test double):</para>
/// <code>
/// var options = new AssistantsEmulatorOptions();
/// options.ChatModel.ChatClient = myChatClient;
/// await using var emulator = await AssistantsEmulator.StartAsync(options);
/// </code>
/// <para>Standalone, with any OpenAI-compatible <c>/v1</c> endpoint:
/// <c>--model-endpoint http://localhost:11434/v1 --model llama3.2</c>, or the configuration section <c>Emulator:ChatModel</c>
/// (<c>Endpoint</c>, <c>Model</c>, <c>KeyEnvironmentVariable</c>) in <c>appsettings.json</c> or the environment
/// (<c>Emulator__ChatModel__Endpoint</c>). The key is read from an environment variable, never from the command line or the
/// configuration files.</para>
/// </remarks>
public sealed class EmulatorChatModelOptions
{
    /// <summary>The environment variable the endpoint's key is read from by default.</summary>
    public const string DefaultKeyEnvironmentVariable = "OPENAI_API_KEY";

    /// <summary>Gets or sets the chat client that answers every run. The emulator does not dispose it. The run's model (or
    /// <see cref="Model"/>) is sent as <see cref="ChatOptions.ModelId"/>.</summary>
    public IChatClient? ChatClient { get; set; }

    /// <summary>Gets or sets a factory of chat clients by model name, called once per model name (the emulator caches and
    /// disposes what it returns). Takes precedence over <see cref="Endpoint"/>; <see cref="ChatClient"/> takes precedence over it.</summary>
    public Func<string, IChatClient>? ChatClientFactory { get; set; }

    /// <summary>Gets or sets an OpenAI-compatible endpoint, ending in <c>/v1</c> (OpenAI, Azure OpenAI's <c>/openai/v1</c>, Ollama,
    /// vLLM, LM Studio, llama.cpp). The emulator talks to it with <c>Microsoft.Extensions.AI.OpenAI</c>.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Gets or sets the model used when a run's model is not served by the backend (the backend answers
    /// <c>404</c> for it). <see langword="null"/>: runs always ask for their own model.</summary>
    public string? Model { get; set; }

    /// <summary>Gets or sets the environment variable holding the key of <see cref="Endpoint"/>
    /// (<see cref="DefaultKeyEnvironmentVariable"/> by default). Unset or empty variable: no key is sent (local servers need none).</summary>
    public string KeyEnvironmentVariable { get; set; } = DefaultKeyEnvironmentVariable;

    /// <summary>Gets a value indicating whether a chat model is configured.</summary>
    internal bool IsConfigured => ChatClient is not null || ChatClientFactory is not null || Endpoint is not null;

    internal void Validate()
    {
        if (Endpoint is not null && (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttp && Endpoint.Scheme != Uri.UriSchemeHttps)))
        {
            throw new ArgumentException("The chat model endpoint must be an absolute http or https address, e.g. http://localhost:11434/v1.", nameof(Endpoint));
        }

        if (Model is not null && string.IsNullOrWhiteSpace(Model))
        {
            throw new ArgumentException("The default model name must not be empty.", nameof(Model));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(KeyEnvironmentVariable, nameof(KeyEnvironmentVariable));
    }
}
