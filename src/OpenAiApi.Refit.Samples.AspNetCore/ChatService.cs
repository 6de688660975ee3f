using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;

namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>
/// The chat behind the endpoints: one assistant for the whole application (created on first use, then reused), one thread per
/// conversation, a streamed run per reply. The four Assistants interfaces are injected as registered by
/// <c>AddOpenAIAssistants</c>; every failure surfaces as the library's typed exceptions (<see cref="OpenAIException"/> and
/// subclasses, or <see cref="ArgumentException"/> for an unusable id), which the endpoints turn into problem details.
/// </summary>
/// <param name="assistants">The assistants API.</param>
/// <param name="threads">The threads API.</param>
/// <param name="messages">The messages API.</param>
/// <param name="runs">The runs API.</param>
/// <param name="cache">Where the assistant id is kept between requests.</param>
/// <param name="tools">The functions the assistant may call (<see cref="ChatTools"/>), answered by the library's function-tool loop.</param>
/// <param name="options">The sample's settings.</param>
public sealed class ChatService(
    IAssistantsApi assistants,
    IThreadsApi threads,
    IMessagesApi messages,
    IRunsApi runs,
    ChatAssistantCache cache,
    FunctionToolSet tools,
    IOptions<ChatOptions> options)
{
    /// <summary>The metadata key and value that mark the assistant this sample created, so a restart reuses it.</summary>
    public static readonly KeyValuePair<string, string> AssistantMarker = new("sample", "OpenAiApi.Refit.Samples.AspNetCore");

    /// <summary>The name given to the assistant the sample creates.</summary>
    public const string AssistantName = "OpenAiApi.Refit ASP.NET Core sample";

    /// <summary>Starts a conversation: makes sure the assistant exists and creates an empty thread.</summary>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>The id of the new thread.</returns>
    public async Task<string> CreateConversationAsync(CancellationToken cancellationToken)
    {
        await GetAssistantIdAsync(cancellationToken).ConfigureAwait(false);
        AssistantThread thread = await threads.CreateThreadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return thread.Id;
    }

    /// <summary>Adds a user message to a conversation.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="text">What the user wrote.</param>
    /// <param name="cancellationToken">A token to cancel the call.</param>
    /// <returns>The id of the message.</returns>
    public async Task<string> AddUserMessageAsync(string threadId, string text, CancellationToken cancellationToken)
    {
        ThreadMessage message = await messages.CreateMessageAsync(threadId, MessageCreationOptions.User(text), cancellationToken).ConfigureAwait(false);
        return message.Id;
    }

    /// <summary>Runs the assistant on a conversation and yields the reply as it is written. When the run calls functions, they are
    /// answered with <see cref="ChatTools"/> and the run goes on (<c>RunToCompletionStreamingAsync</c>), all in the same reply.</summary>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="cancellationToken">Stops the run stream: the connection to the server is closed (the server finishes the run
    /// on its own).</param>
    /// <returns><see cref="ChatRunStarted"/>, then <see cref="ChatTextDelta"/>s and <see cref="ChatToolCalled"/>s, then one
    /// <see cref="ChatReplyCompleted"/>.</returns>
    /// <remarks>If the cached assistant turns out to be gone (the server was reset), it is resolved again and the run is retried
    /// once; nothing has been streamed at that point.</remarks>
    public async IAsyncEnumerable<ChatReplyEvent> StreamReplyAsync(string threadId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string assistantId = await GetAssistantIdAsync(cancellationToken).ConfigureAwait(false);
        IAsyncEnumerator<RunStreamEvent> events = StartRun(threadId, assistantId, cancellationToken);
        try
        {
            bool hasEvent;
            try
            {
                hasEvent = await events.MoveNextAsync().ConfigureAwait(false);
            }
            catch (OpenAINotFoundException ex) when (ex.ErrorMessage?.Contains(assistantId, StringComparison.Ordinal) == true)
            {
                await events.DisposeAsync().ConfigureAwait(false);
                cache.Forget(assistantId);
                assistantId = await GetAssistantIdAsync(cancellationToken).ConfigureAwait(false);
                events = StartRun(threadId, assistantId, cancellationToken);
                hasEvent = await events.MoveNextAsync().ConfigureAwait(false);
            }

            ThreadRun? lastRun = null;
            for (; hasEvent; hasEvent = await events.MoveNextAsync().ConfigureAwait(false))
            {
                switch (events.Current)
                {
                    case RunStatusStreamEvent { Kind: RunStreamEventKind.RunCreated } created:
                        lastRun = created.Run;
                        yield return new ChatRunStarted(created.Run.Id);
                        break;
                    case RunStatusStreamEvent { Kind: RunStreamEventKind.RunRequiresAction } requiresAction:
                        lastRun = requiresAction.Run;
                        foreach (RunToolCall call in requiresAction.Run.RequiredAction?.SubmitToolOutputs?.ToolCalls ?? [])
                        {
                            yield return new ChatToolCalled(call.Function?.Name ?? call.Type ?? "tool", call.Function?.Arguments);
                        }

                        break;
                    case RunStatusStreamEvent status:
                        lastRun = status.Run;
                        break;
                    case MessageDeltaStreamEvent delta when delta.Text.Length > 0:
                        yield return new ChatTextDelta(delta.Text);
                        break;
                }
            }

            yield return new ChatReplyCompleted(lastRun?.Id, lastRun?.Status?.Value);
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Returns the assistant the chat uses: the configured one, else the one this sample created earlier (found by
    /// <see cref="AssistantMarker"/> among the 100 most recent assistants), else a new one. Resolved once, then cached.</summary>
    /// <param name="cancellationToken">A token to cancel the calls.</param>
    /// <returns>The assistant id.</returns>
    public Task<string> GetAssistantIdAsync(CancellationToken cancellationToken) =>
        cache.GetOrResolveAsync(ResolveAssistantIdAsync, cancellationToken);

    private IAsyncEnumerator<RunStreamEvent> StartRun(string threadId, string assistantId, CancellationToken cancellationToken) =>
        runs.RunToCompletionStreamingAsync(threadId, new RunCreationOptions(assistantId), tools, cancellationToken: cancellationToken)
            .GetAsyncEnumerator(cancellationToken);

    private async Task<string> ResolveAssistantIdAsync(CancellationToken cancellationToken)
    {
        ChatOptions settings = options.Value;
        if (!string.IsNullOrWhiteSpace(settings.AssistantId))
        {
            return settings.AssistantId;
        }

        CursorPage<Assistant> recent = await assistants.ListAssistantsAsync(
            new AssistantCollectionOptions { Limit = 100, Order = ListOrder.Descending }, cancellationToken).ConfigureAwait(false);
        Assistant? existing = recent.Data.FirstOrDefault(static a =>
            a.Metadata is { } metadata && metadata.TryGetValue(AssistantMarker.Key, out string? value) && value == AssistantMarker.Value);
        if (existing is not null)
        {
            return existing.Id;
        }

        Assistant created = await assistants.CreateAssistantAsync(
            new AssistantCreationOptions(settings.Model)
            {
                Name = AssistantName,
                Instructions = settings.Instructions,
                Tools = [.. tools.ToToolDefinitions()],
                Metadata = new Dictionary<string, string> { [AssistantMarker.Key] = AssistantMarker.Value },
            },
            cancellationToken).ConfigureAwait(false);
        return created.Id;
    }
}
