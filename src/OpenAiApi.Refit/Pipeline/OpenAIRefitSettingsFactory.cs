using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Serialization;
using Polly.Timeout;
using Refit;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Builds the one <see cref="RefitSettings"/> of the client (once): the serializer, the validating URL formatter and the
/// three exception factories that turn every failure into this library's exceptions, so no Refit type reaches a caller.</summary>
internal sealed class OpenAIRefitSettingsFactory
{
    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions> _options;
    private readonly OpenAIErrorTranslator _errors;
    private readonly Lazy<RefitSettings> _settings;

    public OpenAIRefitSettingsFactory(IOptionsMonitor<OpenAIAssistantsClientOptions> options, OpenAIErrorTranslator errors)
    {
        _options = options;
        _errors = errors;
        _settings = new Lazy<RefitSettings>(Create);
    }

    public RefitSettings Settings => _settings.Value;

    /// <summary>Turns an error response into the typed exception, through the client's one <see cref="OpenAIErrorTranslator"/>.
    /// Refit calls this right before it buffers and deserializes a success body: the body is in memory already
    /// (<see cref="BufferedBodyContent"/>) and the serializer reads it in place, so its content declines that copy.</summary>
    public ValueTask<Exception?> CreateExceptionAsync(HttpResponseMessage response)
    {
        if (response.IsSuccessStatusCode)
        {
            (response.Content as BufferedBodyContent)?.DeclineNextBuffering();
            return default;
        }

        return TranslateAsync(response);
    }

    private async ValueTask<Exception?> TranslateAsync(HttpResponseMessage response) =>
        await _errors.TranslateAsync(response, CancellationToken.None).ConfigureAwait(false);

    private RefitSettings Create() => new(OpenAIContentSerializer.Instance, new ValidatingUrlParameterFormatter())
    {
        // Request bodies are our ByteArrayContent, with its Content-Length, sent as it is: Refit's default wraps every body in a
        // PushStreamContent (no Content-Length: a chunked upload that some gateways refuse with 411), and Buffered = true would copy
        // the bytes once more before sending (LoadIntoBufferAsync). Buffered serialization through ISynchronousContentSerializer
        // hands Refit the content itself.
        Buffered = false,
        RequestBodySerialization = RequestBodySerializationMode.Buffered,
        ExceptionFactory = CreateExceptionAsync,
        DeserializationExceptionFactory = static (response, exception) => ValueTask.FromResult<Exception?>(TranslateDeserializationException(response, exception)),
        TransportExceptionFactory = TranslateTransportException,
        MaxExceptionContentLength = _options.CurrentValue.MaxErrorContentLength,
        ExceptionRedactor = static exception =>
        {
            if (exception.RequestMessage is { } request)
            {
                request.Headers.Authorization = null;
                request.Headers.Remove(WireHeaders.AzureApiKey);
            }
        },
    };

    private static Exception TranslateDeserializationException(HttpResponseMessage response, Exception exception)
    {
        return exception is OpenAIException or OperationCanceledException
            ? exception
            : new OpenAIResponseValidationException(
                $"The server answered HTTP {(int)response.StatusCode} but the body could not be used: {exception.Message}",
                response.StatusCode,
                response.Content.Headers.ContentType?.ToString(),
                WireHeaders.RequestIdOf(response),
                exception is ResponseBodyException { InnerException: { } inner } ? inner : exception);
    }

    private static Exception TranslateTransportException(HttpRequestMessage request, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            return exception; // the caller's cancellation stays an OperationCanceledException
        }

        string target = $"{request.Method} {SafeUri.PathOf(request.RequestUri)}";
        return exception switch
        {
            // Misuse or configuration (a header value that cannot be sent, a disposed client): nothing was sent, not a transport error.
            OpenAIException or ArgumentException or InvalidOperationException => exception,
            TimeoutRejectedException => new OpenAITimeoutException($"{target} did not answer within the attempt timeout, on any attempt.", exception),
            OperationCanceledException { InnerException: TimeoutException } => new OpenAITimeoutException($"{target} timed out.", exception),
            HttpRequestException http => new OpenAIConnectionException($"{target} failed: {http.Message}", exception),
            OperationCanceledException => exception,
            _ => new OpenAIConnectionException($"{target} failed: {exception.Message}", exception),
        };
    }
}
