namespace OpenAiApi.Refit.Emulator.State;

/// <summary>One server-sent event of a run stream: the event name and the JSON snapshot taken when it happened.</summary>
/// <param name="Name">The event name, e.g. <c>thread.run.created</c>.</param>
/// <param name="Data">The <c>data</c> payload.</param>
internal readonly record struct RunStreamEvent(string Name, string Data);
