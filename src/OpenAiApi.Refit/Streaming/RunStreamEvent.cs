using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Streaming;

/// <summary>
/// One event of an Assistants run stream: its wire name (<see cref="EventName"/>), its <see cref="Kind"/> and a typed payload on
/// the derived class: <see cref="ThreadStreamEvent"/>, <see cref="RunStatusStreamEvent"/>, <see cref="RunStepStreamEvent"/>,
/// <see cref="RunStepDeltaStreamEvent"/>, <see cref="MessageStreamEvent"/>, <see cref="MessageDeltaStreamEvent"/>,
/// <see cref="ErrorStreamEvent"/>, <see cref="DoneStreamEvent"/>, or <see cref="UnknownRunStreamEvent"/> for an event this library
/// does not know (the server may add events at any time).
/// </summary>
public abstract class RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="RunStreamEvent"/> class.</summary>
    /// <param name="eventName">The wire name.</param>
    /// <param name="expected">The kinds the derived class accepts; <see langword="null"/> to accept any name.</param>
    private protected RunStreamEvent(string eventName, Func<RunStreamEventKind, bool>? expected)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        RunStreamEventKind kind = RunStreamEventNames.GetKind(eventName);
        if (expected is not null && !expected(kind))
        {
            throw new ArgumentException($"'{eventName}' is not an event name of {GetType().Name}.", nameof(eventName));
        }

        EventName = eventName;
        Kind = kind;
    }

    /// <summary>Gets the event name, as sent in the SSE <c>event:</c> field (for example <c>thread.run.completed</c>).</summary>
    public string EventName { get; }

    /// <summary>Gets the kind of the event, derived from <see cref="EventName"/>.</summary>
    public RunStreamEventKind Kind { get; }

    /// <summary>Gets a value indicating whether this event ends the stream: <c>thread.run.requires_action</c>, a final run status, or <c>done</c>.</summary>
    public bool IsTerminal => RunStreamEventNames.IsTerminal(Kind);

    /// <summary>Turns the name and the data of one server-sent event into a typed event, as the streaming helpers do. Useful to replay
    /// a recorded stream or to read one arriving through another transport.</summary>
    /// <param name="eventName">The SSE <c>event:</c> field (<c>message</c> when the event had none).</param>
    /// <param name="utf8Data">The SSE <c>data:</c> field, UTF-8.</param>
    /// <returns>The typed event; an <see cref="UnknownRunStreamEvent"/> for a name this library does not know (never an error).</returns>
    /// <exception cref="JsonException">The data of a known event is not the JSON object the spec defines.</exception>
    public static RunStreamEvent Parse(string eventName, ReadOnlySpan<byte> utf8Data)
    {
        ArgumentNullException.ThrowIfNull(eventName);
        if (IsDoneMarker(utf8Data) && eventName is RunStreamEventNames.Done or "message")
        {
            return new DoneStreamEvent();
        }

        OpenAIJsonContext json = OpenAIJsonContext.Default;
        RunStreamEventKind kind = RunStreamEventNames.GetKind(eventName);
        return kind switch
        {
            RunStreamEventKind.Unknown => new UnknownRunStreamEvent(eventName, ParseRaw(utf8Data)),
            RunStreamEventKind.Done => new DoneStreamEvent(),
            RunStreamEventKind.Error => ParseError(utf8Data),
            RunStreamEventKind.ThreadCreated => new ThreadStreamEvent(eventName, Deserialize(eventName, utf8Data, json.AssistantThread)),
            RunStreamEventKind.RunStepDelta => new RunStepDeltaStreamEvent(Deserialize(eventName, utf8Data, json.RunStepDelta)),
            RunStreamEventKind.MessageDelta => new MessageDeltaStreamEvent(Deserialize(eventName, utf8Data, json.MessageDelta)),
            >= RunStreamEventKind.RunCreated and <= RunStreamEventKind.RunExpired =>
                new RunStatusStreamEvent(eventName, Deserialize(eventName, utf8Data, json.ThreadRun)),
            >= RunStreamEventKind.RunStepCreated and <= RunStreamEventKind.RunStepExpired =>
                new RunStepStreamEvent(eventName, Deserialize(eventName, utf8Data, json.RunStep)),
            _ => new MessageStreamEvent(eventName, Deserialize(eventName, utf8Data, json.ThreadMessage)),
        };
    }

    /// <summary>Turns the name and the data of one server-sent event into a typed event.</summary>
    /// <param name="eventName">The SSE <c>event:</c> field.</param>
    /// <param name="data">The SSE <c>data:</c> field.</param>
    /// <returns>The typed event; an <see cref="UnknownRunStreamEvent"/> for a name this library does not know.</returns>
    /// <exception cref="JsonException">The data of a known event is not the JSON object the spec defines.</exception>
    public static RunStreamEvent Parse(string eventName, string data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Parse(eventName, Encoding.UTF8.GetBytes(data));
    }

    /// <inheritdoc />
    public override string ToString() => EventName;

    private static bool IsDoneMarker(ReadOnlySpan<byte> data) => data.Trim(" \t\r\n"u8).SequenceEqual("[DONE]"u8);

    private static T Deserialize<T>(string eventName, ReadOnlySpan<byte> data, JsonTypeInfo<T> typeInfo)
        where T : class =>
        JsonSerializer.Deserialize(data, typeInfo)
        ?? throw new JsonException($"The data of the '{eventName}' event is JSON null where {typeof(T).Name} was expected.");

    private static ErrorStreamEvent ParseError(ReadOnlySpan<byte> data)
    {
        JsonElement raw = ParseRaw(data);
        (string? Type, string? Code, string? Param, string? Message) error = OpenAIClientContext.ParseError(raw);
        string? message = error.Message ?? (raw.ValueKind == JsonValueKind.String ? raw.GetString() : null);
        return new ErrorStreamEvent(error.Type, error.Code, error.Param, message, raw);
    }

    /// <summary>Parses JSON data; data that is not JSON becomes a JSON string holding the text, so nothing is lost and nothing throws.</summary>
    private static JsonElement ParseRaw(ReadOnlySpan<byte> data)
    {
        try
        {
            var reader = new Utf8JsonReader(data);
            using JsonDocument document = JsonDocument.ParseValue(ref reader);
            if (!reader.Read())
            {
                return document.RootElement.Clone();
            }
        }
        catch (JsonException)
        {
            // not (one) JSON value: kept as text below
        }

        var buffer = new ArrayBufferWriter<byte>(data.Length + 16);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStringValue(Encoding.UTF8.GetString(data));
        }

        using JsonDocument text = JsonDocument.Parse(buffer.WrittenMemory);
        return text.RootElement.Clone();
    }
}
