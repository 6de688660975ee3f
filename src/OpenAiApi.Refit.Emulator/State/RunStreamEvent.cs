namespace OpenAiApi.Refit.Emulator.State;

/// <summary>One server-sent event of a run stream: the event name and the JSON snapshot taken when it happened; or, when
/// <see cref="DeltaText"/> is set, the text of a message that the stream sends as <c>thread.message.delta</c> events. Those are
/// cut and serialized by the stream outside the thread's lock: a long reply costs the lock nothing per word.</summary>
/// <param name="Name">The event name, e.g. <c>thread.run.created</c>.</param>
/// <param name="Data">The <c>data</c> payload (for text deltas: the message id).</param>
/// <param name="DeltaText">The message text to send as deltas, or <see langword="null"/> for an ordinary event.</param>
internal readonly record struct RunStreamEvent(string Name, string Data, string? DeltaText = null)
{
    /// <summary>The name of the message text delta event.</summary>
    public const string MessageDelta = "thread.message.delta";

    /// <summary>Creates the placeholder for the text deltas of a message.</summary>
    /// <param name="messageId">The message id.</param>
    /// <param name="text">The whole text.</param>
    /// <returns>The event.</returns>
    public static RunStreamEvent TextDeltas(string messageId, string text) => new(MessageDelta, messageId, text);
}
