using System.ClientModel;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// Answers runs with an <see cref="IChatClient"/>: the one given in the options, one per model name from the options' factory,
/// or one per model name for an OpenAI-compatible endpoint (<c>Microsoft.Extensions.AI.OpenAI</c>). When a run's model is not
/// served (the backend answers 404) and a default model is configured, the run is answered by the default model, and later runs
/// of that model go there directly.
/// </summary>
internal sealed class ChatClientRunModel : IRunModel, IDisposable
{
    private readonly IChatClient? _shared;
    private readonly Func<string, IChatClient>? _factory;
    private readonly ConcurrentDictionary<string, IChatClient> _byModel = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _unserved = new(StringComparer.Ordinal);
    private readonly string? _defaultModel;
    private readonly string? _key;

    private ChatClientRunModel(IChatClient? shared, Func<string, IChatClient>? factory, string? defaultModel, string description, string? key = null)
    {
        _key = key;
        _shared = shared;
        _factory = factory;
        _defaultModel = defaultModel;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public bool AnswersAtOnce => false;

    /// <inheritdoc />
    public (int Index, string Type)? FirstUnsupportedTool(IReadOnlyList<ToolDefinition> tools) => ModelConversation.FirstUnsupportedTool(tools);

    /// <summary>Creates the model the options describe, or returns <see langword="null"/> when they describe none.</summary>
    /// <param name="options">The options.</param>
    /// <param name="readEnvironment">Reads an environment variable (the key).</param>
    /// <returns>The model, or <see langword="null"/>.</returns>
    public static ChatClientRunModel? Create(EmulatorChatModelOptions options, Func<string, string?> readEnvironment)
    {
        string defaults = options.Model is null ? string.Empty : $" (default model {options.Model})";
        if (options.ChatClient is IChatClient client)
        {
            string provider = client.GetService<ChatClientMetadata>()?.ProviderName ?? client.GetType().Name;
            return new ChatClientRunModel(client, null, options.Model, $"the chat client {provider}{defaults}");
        }

        if (options.ChatClientFactory is { } factory)
        {
            return new ChatClientRunModel(null, factory, options.Model, $"the chat clients of ChatClientFactory{defaults}");
        }

        if (options.Endpoint is not Uri endpoint)
        {
            return null;
        }

        string? key = readEnvironment(options.KeyEnvironmentVariable);
        bool hasKey = !string.IsNullOrEmpty(key);

        // Local servers want no key, but the OpenAI client demands one: a placeholder goes to them.
        var openAI = new OpenAIClient(new ApiKeyCredential(hasKey ? key! : "no-key"), new OpenAIClientOptions { Endpoint = endpoint });
        string keyNote = hasKey ? $"key from ${options.KeyEnvironmentVariable}" : $"no key: ${options.KeyEnvironmentVariable} is not set";
        return new ChatClientRunModel(
            null,
            model => openAI.GetChatClient(model).AsIChatClient(),
            options.Model,
            $"the chat model at {Redact(endpoint)}{defaults}, {keyNote}",
            key);
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<ChatResponseUpdate> RespondAsync(ModelTurn turn, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string model = _defaultModel is not null && _unserved.ContainsKey(turn.Model) ? _defaultModel : turn.Model;
        IAsyncEnumerator<ChatResponseUpdate> updates = Start(model, turn, cancellationToken);
        bool more;
        try
        {
            more = await updates.MoveNextAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (_defaultModel is not null && model != _defaultModel && ModelErrors.IsModelNotFound(ex))
        {
            await updates.DisposeAsync().ConfigureAwait(false);
            _unserved[model] = true;
            updates = Start(_defaultModel, turn, cancellationToken);
            more = await updates.MoveNextAsync().ConfigureAwait(false);
        }

        try
        {
            while (more)
            {
                yield return updates.Current;
                more = await updates.MoveNextAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await updates.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public RunError ToLastError(Exception exception) => ModelErrors.ToLastError(exception, _key);

    /// <summary>Disposes the clients the emulator created (never the one given in the options).</summary>
    public void Dispose()
    {
        foreach (IChatClient client in _byModel.Values)
        {
            client.Dispose();
        }

        _byModel.Clear();
    }

    /// <summary>Writes an endpoint without credentials, query or fragment.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The text.</returns>
    public static string Redact(Uri endpoint) => endpoint.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);

    private IAsyncEnumerator<ChatResponseUpdate> Start(string model, ModelTurn turn, CancellationToken cancellationToken)
    {
        ChatOptions options = turn.Options.Clone();
        options.ModelId = model;
        IChatClient client = _shared ?? _byModel.GetOrAdd(model, _factory!);
        return client.GetStreamingResponseAsync(turn.Messages, options, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }
}
