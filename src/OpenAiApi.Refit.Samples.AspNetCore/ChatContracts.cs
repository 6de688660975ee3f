namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>The answer to <c>POST /api/threads</c>.</summary>
/// <param name="ThreadId">The id of the new conversation's thread.</param>
public sealed record ThreadCreatedResponse(string ThreadId);

/// <summary>The body of <c>POST /api/threads/{threadId}/messages</c>.</summary>
/// <param name="Text">What the user wrote.</param>
public sealed record PostMessageRequest(string? Text);

/// <summary>The answer to <c>POST /api/threads/{threadId}/messages</c>.</summary>
/// <param name="MessageId">The id of the message created on the thread.</param>
public sealed record MessagePostedResponse(string MessageId);
