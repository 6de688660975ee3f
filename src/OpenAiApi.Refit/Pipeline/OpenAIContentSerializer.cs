using System.Net.Http.Headers;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json;
using System.Text;
using OpenAiApi.Refit.Serialization;
using Refit;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Refit's content serializer for this library: request bodies are checked (<see cref="RequestValidation"/>) and written as UTF-8
/// JSON with a Content-Length; response bodies are read from the stream through the source-generated context, and an empty,
/// <c>null</c>, malformed or oversized body (the pipeline's size limit), or a resource without its <c>id</c>, fails with
/// <see cref="ResponseBodyException"/> (turned into <c>OpenAIResponseValidationException</c> by the deserialization exception
/// factory, which can see the response headers).
/// </summary>
internal sealed class OpenAIContentSerializer : IHttpContentSerializer, ISynchronousContentSerializer
{
    private static readonly MediaTypeHeaderValue JsonMediaType = MediaTypeHeaderValue.Parse("application/json; charset=utf-8");

    public static OpenAIContentSerializer Instance { get; } = new();

    private static JsonSerializerOptions Options => OpenAIJsonContext.Default.Options;

    public HttpContent ToHttpContent<T>(T item)
    {
        if (item is null && typeof(T) == typeof(Models.ThreadCreationOptions))
        {
            return CreateContent("{}"u8.ToArray()); // the only optional body: an empty thread
        }

        if (item is null)
        {
#pragma warning disable CA2208 // every body parameter of the Refit interfaces is named "options"
            throw new ArgumentNullException("options", "The request body is required.");
#pragma warning restore CA2208
        }

        RequestValidation.ValidateBody(item);
        return CreateContent(JsonSerializer.SerializeToUtf8Bytes(item, GetTypeInfo<T>()));
    }

    /// <summary>The same as <see cref="ToHttpContent{T}"/>: a body is always serialized at once into its bytes (Refit asks through this
    /// interface when <see cref="RefitSettings.RequestBodySerialization"/> is <see cref="RequestBodySerializationMode.Buffered"/>,
    /// and then sends the content as it is, without buffering a copy of it).</summary>
    public HttpContent ToHttpContentSynchronous<T>(T item) => ToHttpContent(item);

    /// <summary>The same as <see cref="ToHttpContent{T}"/>: bodies are small, and a body with its Content-Length is what every
    /// gateway accepts.</summary>
    public HttpContent ToStreamingHttpContent<T>(T item) => ToHttpContent(item);

    public Task<T?> FromHttpContentAsync<T>(HttpContent content, CancellationToken cancellationToken = default)
    {
        if (content is BufferedBodyContent buffered)
        {
            // The pipeline's in-memory body (every non-streaming success body): read in place, at once, without a state machine.
            try
            {
                T? value = JsonSerializer.Deserialize(buffered.Body, GetTypeInfo<T>());
                SetPollInterval(value, buffered.Headers);
                return Usable(value) ? Task.FromResult(value) : Task.FromException<T?>(Refused(value, buffered.Prefix));
            }
            catch (Exception ex)
            {
                return Task.FromException<T?>(ex is JsonException json ? NotJson<T>(json, buffered.Prefix) : ex);
            }
        }

        return content is null
            ? Task.FromException<T?>(new ResponseBodyException("The response has no body."))
            : ReadStreamAsync<T>(content, cancellationToken);
    }

    /// <summary>A body that is not the pipeline's in-memory one (another handler put its own content in place): read from its stream.</summary>
    private static async Task<T?> ReadStreamAsync<T>(HttpContent content, CancellationToken cancellationToken)
    {
        T? value;
        try
        {
            Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                value = await JsonSerializer.DeserializeAsync(stream, GetTypeInfo<T>(), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (JsonException ex)
        {
            throw NotJson<T>(ex, await BodyStartAsync(content).ConfigureAwait(false));
        }

        SetPollInterval(value, content.Headers);
        if (Usable(value))
        {
            return value;
        }

        throw Refused(value, value is null ? string.Empty : await BodyStartAsync(content).ConfigureAwait(false));
    }

    /// <summary>The failure for a body the serializer could not read: empty or not JSON at all, or JSON of the wrong shape.</summary>
    private static ResponseBodyException NotJson<T>(JsonException ex, string bodyStart) =>
        ex.LineNumber == 0 && ex.BytePositionInLine == 0 && ex.Path is null or "$"
            ? new ResponseBodyException("The response body is empty or not JSON." + Quote(bodyStart), ex)
            : new ResponseBodyException($"The response body is not valid JSON for {typeof(T).Name}: {ex.Message}{Quote(bodyStart)}", ex);

    /// <summary>Sets a run's suggested poll interval from the <c>openai-poll-after-ms</c> header the pipeline copied onto the content.</summary>
    private static void SetPollInterval(object? value, HttpContentHeaders headers)
    {
        if (value is Models.ThreadRun run)
        {
            run.SuggestedPollInterval = WireHeaders.PollAfterOf(headers);
        }
    }

    /// <summary>Whether a body read as JSON is usable: not <c>null</c>, and a resource the caller will address by id has one.</summary>
    private static bool Usable(object? value) => value is not null && !LacksId(value);

    /// <summary>The failure for a body that is not <see cref="Usable"/>; a resource without its id quotes the start of the body.</summary>
    private static ResponseBodyException Refused<T>(T? value, string bodyStart) => value is null
        ? new ResponseBodyException("The response body is JSON null.")
        : new ResponseBodyException($"The response body has no 'id' for {typeof(T).Name}, so the object cannot be addressed later.{Quote(bodyStart)}");

    public string? GetFieldNameForProperty(PropertyInfo propertyInfo)
    {
        ArgumentNullException.ThrowIfNull(propertyInfo);
        return Options.PropertyNamingPolicy?.ConvertName(propertyInfo.Name) ?? propertyInfo.Name;
    }

    /// <summary>Whether a resource the caller will address by id came without one (e.g. a <c>{}</c> body).</summary>
    private static bool LacksId(object value) => value switch
    {
        Models.Assistant assistant => assistant.Id.Length == 0,
        Models.AssistantThread thread => thread.Id.Length == 0,
        Models.ThreadMessage message => message.Id.Length == 0,
        Models.ThreadRun run => run.Id.Length == 0,
        Models.RunStep step => step.Id.Length == 0,
        _ => false,
    };

    /// <summary>The start of the body of a content that another handler put in place of the pipeline's, for messages (only ever on a
    /// failure): read again when it is buffered, empty when it cannot be read again.</summary>
    private static async ValueTask<string> BodyStartAsync(HttpContent content)
    {
        try
        {
            byte[] bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false); // the buffered copy; nothing is read again
            return Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 256));
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or ObjectDisposedException or HttpRequestException)
        {
            return string.Empty; // not buffered, and its stream is spent
        }
    }

    /// <summary>The start of the body as the messages quote it (at most 200 characters), or nothing.</summary>
    private static string Quote(string prefix) => prefix.Length == 0
        ? string.Empty
        : " Body starts: " + (prefix.Length <= 200 ? prefix : string.Concat(prefix.AsSpan(0, 200), "…"));

    private static ByteArrayContent CreateContent(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = JsonMediaType;
        return content;
    }

    private static JsonTypeInfo<T> GetTypeInfo<T>() => OpenAIJson.TypeInfo<T>(); // the context, with nulls dropped from collections
}
