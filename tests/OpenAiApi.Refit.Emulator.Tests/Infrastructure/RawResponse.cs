using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenAiApi.Refit.Emulator.Tests.Infrastructure;

/// <summary>A response read by the raw HTTP helper: status, headers and the parsed JSON body.</summary>
public sealed record RawResponse(HttpStatusCode Status, HttpResponseHeaders Headers, HttpContentHeaders? ContentHeaders, string Text)
{
    public JsonElement Json => JsonDocument.Parse(Text).RootElement.Clone();

    public JsonElement Error => Json.GetProperty("error");

    public string? Header(string name) =>
        Headers.TryGetValues(name, out IEnumerable<string>? values) ? values.FirstOrDefault()
        : ContentHeaders is not null && ContentHeaders.TryGetValues(name, out values) ? values.FirstOrDefault()
        : null;
}
