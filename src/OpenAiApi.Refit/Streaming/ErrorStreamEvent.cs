using System.Text.Json;

namespace OpenAiApi.Refit.Streaming;

/// <summary>An <c>error</c> event: the server failed during the run (an internal error or a timeout). The streaming helpers never
/// yield it: they throw <see cref="OpenAIStreamException"/> with its fields. <see cref="RunStreamEvent.Parse(string, string)"/>
/// returns it. Both the spec's bare error object and <c>{"error":{…}}</c> are read.</summary>
public sealed class ErrorStreamEvent : RunStreamEvent
{
    /// <summary>Initializes a new instance of the <see cref="ErrorStreamEvent"/> class.</summary>
    /// <param name="errorType">The error <c>type</c>.</param>
    /// <param name="errorCode">The error <c>code</c>.</param>
    /// <param name="param">The error <c>param</c>.</param>
    /// <param name="errorMessage">The error <c>message</c>.</param>
    /// <param name="rawJson">The data as sent.</param>
    public ErrorStreamEvent(string? errorType, string? errorCode, string? param, string? errorMessage, JsonElement rawJson)
        : base(RunStreamEventNames.Error, null)
    {
        ErrorType = errorType;
        ErrorCode = errorCode;
        Param = param;
        ErrorMessage = errorMessage;
        RawJson = rawJson;
    }

    /// <summary>Gets the error <c>type</c> (for example <c>server_error</c>).</summary>
    public string? ErrorType { get; }

    /// <summary>Gets the error <c>code</c>, if any.</summary>
    public string? ErrorCode { get; }

    /// <summary>Gets the error <c>param</c>, if any.</summary>
    public string? Param { get; }

    /// <summary>Gets the error <c>message</c>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets the data as sent (a JSON string when it was not JSON).</summary>
    public JsonElement RawJson { get; }
}
