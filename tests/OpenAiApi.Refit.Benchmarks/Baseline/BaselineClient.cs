using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace OpenAiApi.Refit.Benchmarks.Baseline;

/// <summary>
/// The hand-written reference client: one <see cref="HttpClient"/> with the headers set once, requests built by hand, bodies
/// (de)serialized from and to the streams with source-generated System.Text.Json metadata, SSE read with
/// <see cref="SseParser"/>. No retries, no validation, no handlers: the floor the other clients are measured against.
/// </summary>
internal sealed class BaselineClient
{
    private static readonly BaselineJsonContext Json = BaselineJsonContext.Default;
    private readonly HttpClient _http;

    public BaselineClient(HttpClient http, string apiKey)
    {
        _http = http;
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        _http.DefaultRequestHeaders.Add("OpenAI-Beta", "assistants=v2");
    }

    public Task<BRun> GetRunAsync(string threadId, string runId, CancellationToken cancellationToken = default) =>
        GetAsync($"threads/{threadId}/runs/{runId}", Json.BRun, cancellationToken);

    public Task<BPage<BMessage>> ListMessagesAsync(string threadId, int limit, string? after = null, CancellationToken cancellationToken = default) =>
        GetAsync(
            after is null ? $"threads/{threadId}/messages?limit={limit}" : $"threads/{threadId}/messages?limit={limit}&after={after}",
            Json.BPageBMessage,
            cancellationToken);

    public async IAsyncEnumerable<BMessage> GetAllMessagesAsync(string threadId, int limit, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            BPage<BMessage> page = await ListMessagesAsync(threadId, limit, after, cancellationToken).ConfigureAwait(false);
            foreach (BMessage message in page.Data)
            {
                yield return message;
            }

            if (!page.HasMore || page.LastId is null)
            {
                yield break;
            }

            after = page.LastId;
        }
    }

    public async Task<BMessage> CreateMessageAsync(string threadId, BCreateMessage body, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{threadId}/messages")
        {
            Content = System.Net.Http.Json.JsonContent.Create(body, Json.BCreateMessage),
        };
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, Json.BMessage, cancellationToken).ConfigureAwait(false);
    }

    public async IAsyncEnumerable<BStreamEvent> CreateRunStreamingAsync(string threadId, string assistantId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{threadId}/runs")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new BCreateRun { AssistantId = assistantId, Stream = true }, Json.BCreateRun),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Stream body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            SseParser<BStreamEvent> parser = SseParser.Create(body, static (type, data) => BStreamEvent.Parse(type, data));
            await foreach (SseItem<BStreamEvent> item in parser.EnumerateAsync(cancellationToken).ConfigureAwait(false))
            {
                yield return item.Data;
                if (item.EventType == "done")
                {
                    yield break;
                }
            }
        }
    }

    private async Task<T> GetAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return await ReadAsync(response, typeInfo, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        response.EnsureSuccessStatusCode();
        Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, typeInfo, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException("null body");
        }
    }
}

/// <summary>One typed event of the baseline's stream.</summary>
internal sealed class BStreamEvent
{
    public required string EventType { get; init; }
    public BRun? Run { get; init; }
    public BRunStep? Step { get; init; }
    public BMessage? Message { get; init; }
    public BMessageDelta? Delta { get; init; }

    public static BStreamEvent Parse(string type, ReadOnlySpan<byte> data)
    {
        BaselineJsonContext json = BaselineJsonContext.Default;
        return type switch
        {
            "done" => new BStreamEvent { EventType = type },
            "thread.message.delta" => new BStreamEvent { EventType = type, Delta = JsonSerializer.Deserialize(data, json.BMessageDelta) },
            _ when type.StartsWith("thread.run.step.", StringComparison.Ordinal) => new BStreamEvent { EventType = type, Step = JsonSerializer.Deserialize(data, json.BRunStep) },
            _ when type.StartsWith("thread.run.", StringComparison.Ordinal) => new BStreamEvent { EventType = type, Run = JsonSerializer.Deserialize(data, json.BRun) },
            _ when type.StartsWith("thread.message.", StringComparison.Ordinal) => new BStreamEvent { EventType = type, Message = JsonSerializer.Deserialize(data, json.BMessage) },
            _ => new BStreamEvent { EventType = type },
        };
    }
}
