namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The OpenAI error response: <c>{"error": {...}}</c>.</summary>
/// <param name="Error">The error.</param>
internal sealed record ErrorEnvelope(ErrorBody Error);
