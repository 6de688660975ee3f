using System.Text.Json;

namespace OpenAiApi.Refit.Streaming;

/// <summary>An event whose name this library does not know. The server may add events at any time; the stream goes on, and the
/// event reaches the caller intact.</summary>
public sealed class UnknownRunStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="UnknownRunStreamEvent"/> class.</summary>
    /// <param name="eventName">The event name as sent.</param>
    /// <param name="rawJson">The data as sent (a JSON string holding the text when it was not JSON).</param>
    /// <exception cref="ArgumentException"><paramref name="eventName"/> is a name this library knows.</exception>
    public UnknownRunStreamEvent(string eventName, JsonElement rawJson)
        : base(eventName, static kind => kind is RunStreamEventKind.Unknown)
    {
        RawJson = rawJson;
    }

    /// <summary>Gets the data as sent (a JSON string holding the text when it was not JSON).</summary>
    public JsonElement RawJson { get; }
}
