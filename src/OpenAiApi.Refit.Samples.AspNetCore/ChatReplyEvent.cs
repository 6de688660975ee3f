namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>What <see cref="ChatService.StreamReplyAsync"/> yields while the assistant answers: the run started, text arrived, a
/// function was called, the run ended.</summary>
public abstract record ChatReplyEvent;

/// <summary>The run was created on the server.</summary>
/// <param name="RunId">The id of the run.</param>
public sealed record ChatRunStarted(string RunId) : ChatReplyEvent;

/// <summary>A fragment of the reply, to append to what arrived before.</summary>
/// <param name="Text">The fragment.</param>
public sealed record ChatTextDelta(string Text) : ChatReplyEvent;

/// <summary>The run called a function; the sample answers it and the run goes on.</summary>
/// <param name="Name">The function's name.</param>
/// <param name="Arguments">Its arguments (JSON), as the model wrote them.</param>
public sealed record ChatToolCalled(string Name, string? Arguments) : ChatReplyEvent;

/// <summary>The run ended; always the last event.</summary>
/// <param name="RunId">The id of the run.</param>
/// <param name="Status">The final status of the run (<c>completed</c>, <c>failed</c>, <c>cancelled</c>, <c>incomplete</c>,
/// <c>expired</c>, or <c>requires_action</c>), or <see langword="null"/> if the server never said.</param>
public sealed record ChatReplyCompleted(string? RunId, string? Status) : ChatReplyEvent;
