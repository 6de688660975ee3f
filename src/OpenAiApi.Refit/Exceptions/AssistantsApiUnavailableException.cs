namespace OpenAiApi.Refit;

/// <summary>
/// The server has no Assistants API at the configured base address: it answered 410 Gone, or 404 on a route that takes no id.
/// OpenAI retired its hosted Assistants API on 2026-08-26 (Azure OpenAI too); point <see cref="OpenAIAssistantsClientOptions.BaseAddress"/>
/// at an Assistants-compatible server, such as this library's emulator.
/// </summary>
public sealed class AssistantsApiUnavailableException : OpenAIApiException
{
    /// <summary>Initializes a new instance of the <see cref="AssistantsApiUnavailableException"/> class.</summary>
    /// <param name="details">What the server said.</param>
    /// <param name="baseAddress">The base address that was called.</param>
    public AssistantsApiUnavailableException(OpenAIErrorDetails details, Uri? baseAddress)
        : base(details)
    {
        BaseAddress = Pipeline.SafeUri.Redact(baseAddress);
    }

    /// <summary>Gets the base address that has no Assistants API (without user info, if it had any).</summary>
    public Uri? BaseAddress { get; }

    /// <inheritdoc />
    public override string Message =>
        $"The server at {BaseAddress?.ToString() ?? "the configured base address"} has no Assistants API (HTTP {(int)StatusCode} on {RequestPath ?? "an Assistants route"}). " +
        "OpenAI retired its hosted Assistants API on 2026-08-26; set OpenAIAssistantsClientOptions.BaseAddress (or OPENAI_BASE_URL) " +
        "to an Assistants-compatible server, for example the OpenAiApi.Refit emulator." +
        (RequestId is null ? string.Empty : $" Request id: {RequestId}.");
}
