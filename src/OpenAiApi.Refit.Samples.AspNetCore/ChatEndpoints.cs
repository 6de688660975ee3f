using System.Net.ServerSentEvents;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>The chat's HTTP API, used by <c>wwwroot/index.html</c>.</summary>
public static partial class ChatEndpoints
{
    /// <summary>The name of the server-sent event announcing the run (data <c>{"runId"}</c>).</summary>
    public const string RunEvent = "run";

    /// <summary>The name of the server-sent event carrying a fragment of the reply (data <c>{"text"}</c>).</summary>
    public const string DeltaEvent = "delta";

    /// <summary>The name of the server-sent event announcing a function call the sample answers (data <c>{"name","arguments"}</c>).</summary>
    public const string ToolEvent = "tool";

    /// <summary>The name of the last server-sent event of a reply (data <c>{"runId","status"}</c>).</summary>
    public const string DoneEvent = "done";

    /// <summary>The name of the server-sent event sent instead of <c>done</c> when the stream fails after it started (data: problem
    /// details). Not <c>error</c>, which <c>EventSource</c> uses for connection errors.</summary>
    public const string FailureEvent = "failure";

    /// <summary>Maps <c>POST /api/threads</c>, <c>POST /api/threads/{threadId}/messages</c> and
    /// <c>GET /api/threads/{threadId}/stream</c>.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The group of the chat endpoints.</returns>
    public static RouteGroupBuilder MapChatEndpoints(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder group = endpoints.MapGroup("/api/threads");
        group.MapPost(string.Empty, CreateThreadAsync);
        group.MapPost("/{threadId}/messages", PostMessageAsync);
        group.MapGet("/{threadId}/stream", StreamReplyAsync);
        return group;
    }

    private static async Task<Ok<ThreadCreatedResponse>> CreateThreadAsync(ChatService chat, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ThreadCreatedResponse(await chat.CreateConversationAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<Results<Ok<MessagePostedResponse>, ValidationProblem>> PostMessageAsync(
        string threadId, PostMessageRequest request, ChatService chat, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["The message text is required."] });
        }

        string messageId = await chat.AddUserMessageAsync(threadId, request.Text, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new MessagePostedResponse(messageId));
    }

    // EventSource can only GET, so this GET starts a run. The first event is awaited before the result is returned, so a failure
    // before the stream starts (unknown thread, a run already active, a bad key, no Assistants API) is thrown here, while nothing
    // has been written, and the exception handler answers it with problem details. RequestAborted (a closed tab) cancels the run
    // stream, which closes the connection to the Assistants server.
    private static async Task<ServerSentEventsResult<object>> StreamReplyAsync(
        string threadId, ChatService chat, HttpContext httpContext, ILogger<ChatService> logger)
    {
        CancellationToken aborted = httpContext.RequestAborted;
        IAsyncEnumerator<ChatReplyEvent> reply = chat.StreamReplyAsync(threadId, aborted).GetAsyncEnumerator(aborted);
        httpContext.Response.RegisterForDisposeAsync(reply); // closes the upstream stream even if the result never runs
        bool hasEvent = await reply.MoveNextAsync().ConfigureAwait(false);
        return TypedResults.ServerSentEvents(RelayAsync(reply, hasEvent, logger));
    }

    private static async IAsyncEnumerable<SseItem<object>> RelayAsync(IAsyncEnumerator<ChatReplyEvent> reply, bool hasEvent, ILogger logger)
    {
        while (hasEvent)
        {
            yield return reply.Current switch
            {
                ChatRunStarted started => new SseItem<object>(new { runId = started.RunId }, RunEvent),
                ChatTextDelta delta => new SseItem<object>(new { text = delta.Text }, DeltaEvent),
                ChatToolCalled tool => new SseItem<object>(new { name = tool.Name, arguments = tool.Arguments }, ToolEvent),
                ChatReplyCompleted completed => new SseItem<object>(new { runId = completed.RunId, status = completed.Status }, DoneEvent),
                _ => throw new InvalidOperationException($"Unexpected reply event {reply.Current}."),
            };

            ProblemDetails? failure = null;
            try
            {
                hasEvent = await reply.MoveNextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (AssistantsExceptionHandler.ToProblemDetails(ex) is not null)
            {
                // The response has started: the status line is sent, so the failure travels as an event.
                failure = AssistantsExceptionHandler.ToProblemDetails(ex);
                hasEvent = false;
                LogStreamFailed(logger, ex.GetType().Name, ex.Message);
            }

            if (failure is not null)
            {
                yield return new SseItem<object>(failure, FailureEvent);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The reply stream failed after it started ({ExceptionType}: {ExceptionMessage}); sent a failure event")]
    private static partial void LogStreamFailed(ILogger logger, string exceptionType, string exceptionMessage);
}
