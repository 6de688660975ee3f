namespace OpenAiApi.Refit.Pipeline;

/// <summary>Tells a streaming request (<c>Accept: text/event-stream</c>, set by the three streaming interface methods) from the
/// others, from the raw header values: no header collection or parsed value is created for it on every request.</summary>
internal static class EventStreamRequests
{
    /// <summary>The media type of an event stream.</summary>
    public const string MediaType = "text/event-stream";

    /// <summary>Gets a value indicating whether <paramref name="request"/> asks for an event stream.</summary>
    public static bool IsEventStream(HttpRequestMessage request)
    {
        if (!request.Headers.NonValidated.TryGetValues("Accept", out System.Net.Http.Headers.HeaderStringValues values))
        {
            return false;
        }

        foreach (string value in values)
        {
            if (value.Contains(MediaType, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
