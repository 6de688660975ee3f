using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// Runs inside the retry policy, once per attempt. An error response gets its body read (capped) and replaced by the buffered
/// copy, and a <see cref="RetryDecision"/> from <c>x-should-retry</c>, the status, the error code and the retry headers.
/// A success response to a JSON request must carry a JSON body: an empty or non-JSON one fails here with
/// <see cref="OpenAIResponseValidationException"/>, since Refit would otherwise return <see langword="null"/>. Every non-streaming body
/// (success or error) is read here, inside the attempt and its timeout; a response that fails here is disposed, closing its connection.
/// </summary>
internal sealed class ResponseClassificationHandler : DelegatingHandler
{
    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;
    private readonly TimeProvider _timeProvider;

    public ResponseClassificationHandler(IOptionsMonitor<OpenAIAssistantsClientOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // A decision belongs to one attempt; the retry re-sends the same request, so drop the previous attempt's decision, or a
        // success after a retryable failure would be taken for that failure and sent again (a duplicate POST).
        ((IDictionary<string, object?>)request.Options).Remove(RequestOptionKeys.RetryDecision.Key);
        HttpResponseMessage response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            if (response.IsSuccessStatusCode)
            {
                if (!EventStreamRequests.IsEventStream(request))
                {
                    await EnsureJsonBodyAsync(response, cancellationToken).ConfigureAwait(false);
                    long maxBytes = _options.CurrentValue.MaxResponseContentLength;
                    RefuseDeclaredLengthOverLimit(response, maxBytes);
                    await BufferBodyAsync(response, maxBytes, cancellationToken).ConfigureAwait(false);
                    CopyPollHint(response);
                    ThrowIfEmpty(response); // a body without a length (chunked) that turned out empty: Refit would return null for it
                }

                return response;
            }

            OpenAIAssistantsClientOptions options = _options.CurrentValue;
            string body = await BufferErrorBodyAsync(response, options.MaxErrorContentLength, cancellationToken).ConfigureAwait(false);
            request.Options.Set(RequestOptionKeys.RetryDecision, Decide(response, body, options));
            return response;
        }
        catch
        {
            response.Dispose(); // a half-read body cannot go back to the pool: disposing it closes the connection
            throw;
        }
    }

    /// <summary>
    /// Reads the whole success body (through the size limit) inside the attempt, so the attempt timeout and the caller's token bound
    /// the body as well as the headers: a body that stalls after the headers ends the attempt with a timeout (retried like any), and a
    /// body cut before its end (a reset, an end before the Content-Length, a truncated chunked body) is a transport failure
    /// (<see cref="HttpRequestException"/>, retried like a connection error), not a malformed body. The body goes into a pooled array
    /// (<see cref="BufferedBodyContent"/>), never into a new one per call; everything after this reads that: Refit's deserialization,
    /// the content log.
    /// </summary>
    private static async Task BufferBodyAsync(HttpResponseMessage response, long maxBytes, CancellationToken cancellationToken)
    {
        HttpContent original = response.Content;
        HttpStatusCode status = response.StatusCode;
        try
        {
            response.Content = await BufferedBodyContent.ReadAsync(
                response,
                maxBytes,
                () => new OpenAIResponseValidationException(
                    $"The server answered HTTP {(int)status} with a body larger than the limit of {maxBytes} bytes " +
                    "(OpenAIAssistantsClientOptions.MaxResponseContentLength); reading stopped there.",
                    status,
                    original.Headers.ContentType?.ToString(),
                    WireHeaders.RequestIdOf(response)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            Exception cause = ex is HttpRequestException { InnerException: IOException io } ? io : ex;
            throw new HttpRequestException(
                HttpRequestError.ResponseEnded,
                $"The connection was cut while the body of the HTTP {(int)status} response was read: {cause.Message}",
                ex);
        }

        original.Dispose(); // read to its end: the connection goes back to the pool
    }

    /// <summary>Copies <c>openai-poll-after-ms</c> onto the content headers, the only headers the content serializer sees, so it
    /// can set <see cref="Models.ThreadRun.SuggestedPollInterval"/>.</summary>
    private static void CopyPollHint(HttpResponseMessage response)
    {
        if (response.Headers.TryGetValues(WireHeaders.PollAfterMs, out IEnumerable<string>? values))
        {
            response.Content.Headers.TryAddWithoutValidation(WireHeaders.PollAfterMs, values);
        }
    }

    /// <summary>Refuses a success body whose Content-Length is over the limit before reading it. A body without one (chunked) is
    /// stopped at the limit while it is read. Event streams are not limited as a whole: each event is.</summary>
    private static void RefuseDeclaredLengthOverLimit(HttpResponseMessage response, long maxBytes)
    {
        if (response.Content.Headers.ContentLength is not long length || length <= maxBytes)
        {
            return;
        }

        var tooLarge = new OpenAIResponseValidationException(
            $"The server answered HTTP {(int)response.StatusCode} with a body of {length} bytes, more than the limit of {maxBytes} bytes " +
            "(OpenAIAssistantsClientOptions.MaxResponseContentLength); it was not read.",
            response.StatusCode,
            response.Content.Headers.ContentType?.ToString(),
            WireHeaders.RequestIdOf(response));
        response.Dispose();
        throw tooLarge;
    }

    internal RetryDecision Decide(HttpResponseMessage response, string body, OpenAIAssistantsClientOptions options)
    {
        TimeSpan? retryAfter = WireHeaders.RetryAfterOf(response.Headers, _timeProvider.GetUtcNow());
        bool retry;
        if (response.Headers.TryGetValues(WireHeaders.ShouldRetry, out IEnumerable<string>? values)
            && values.FirstOrDefault() is { } shouldRetry
            && (shouldRetry.Equals("true", StringComparison.OrdinalIgnoreCase) || shouldRetry.Equals("false", StringComparison.OrdinalIgnoreCase)))
        {
            retry = shouldRetry.Equals("true", StringComparison.OrdinalIgnoreCase);
        }
        else
        {
            retry = OpenAIErrorParser.IsRetryableStatus(response.StatusCode) && !IsInsufficientQuota(response, body);
        }

        if (retry && retryAfter > options.MaxRetryAfter)
        {
            retry = false; // the caller gets the exception with RetryAfter instead of a long silent wait
        }

        return new RetryDecision(retry, retryAfter > TimeSpan.Zero ? retryAfter : null);
    }

    private static bool IsInsufficientQuota(HttpResponseMessage response, string body)
    {
        if (response.StatusCode != System.Net.HttpStatusCode.TooManyRequests || !body.Contains("insufficient_quota", StringComparison.Ordinal))
        {
            return false;
        }

        OpenAIErrorParser.ErrorBody error = OpenAIErrorParser.ParseBody(body);
        return error.Code == "insufficient_quota" || error.Type == "insufficient_quota";
    }

    /// <summary>Refuses a success body that is empty (by its Content-Length, or once buffered) where a JSON object was expected.</summary>
    private static void ThrowIfEmpty(HttpResponseMessage response)
    {
        HttpContentHeaders headers = response.Content.Headers;
        if (headers.ContentLength == 0)
        {
            response.Dispose();
            throw new OpenAIResponseValidationException(
                $"The server answered HTTP {(int)response.StatusCode} with an empty body where a JSON object was expected.",
                response.StatusCode,
                headers.ContentType?.ToString(),
                WireHeaders.RequestIdOf(response));
        }
    }

    private static async Task EnsureJsonBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        HttpContentHeaders headers = response.Content.Headers;
        string? mediaType = headers.ContentType?.MediaType;
        bool isJson = mediaType is null
            || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        ThrowIfEmpty(response);

        if (!isJson)
        {
            string snippet = await HttpContentText.ReadPrefixAsync(response.Content, 512, cancellationToken).ConfigureAwait(false);
            response.Dispose();
            throw new OpenAIResponseValidationException(
                $"The server answered HTTP {(int)response.StatusCode} with content type '{mediaType}' where JSON was expected " +
                $"(a proxy, captive portal or wrong base address?). Body starts: {snippet}",
                response.StatusCode,
                headers.ContentType?.ToString(),
                WireHeaders.RequestIdOf(response));
        }
    }

    private static async Task<string> BufferErrorBodyAsync(HttpResponseMessage response, int maxChars, CancellationToken cancellationToken)
    {
        HttpContent original = response.Content;
        string body = await HttpContentText.ReadPrefixAsync(original, maxChars, cancellationToken).ConfigureAwait(false);
        var buffered = new StringContent(body, Encoding.UTF8);
        buffered.Headers.Clear();
        foreach (KeyValuePair<string, IEnumerable<string>> header in original.Headers)
        {
            if (!header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        response.Content = buffered;
        original.Dispose();
        return body;
    }
}
