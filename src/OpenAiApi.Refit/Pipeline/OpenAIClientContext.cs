using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenAiApi.Refit.Diagnostics;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The one seam between the helpers (polling, paging, function tools, streaming, response metadata: extension methods that see only an
/// interface instance) and the pipeline. The registration attaches one context to every client it creates (a weak table: the
/// attachment dies with the client); a mock or a client built elsewhere gets <see cref="Default"/>: no logs, provider <c>openai</c>,
/// the default options, the system clock, no base address. The helpers reach the client's configuration, its clock, its error
/// translation, request validation and the stream wrappers only through this type (an architecture test holds them to it).
/// </summary>
internal sealed class OpenAIClientContext
{
    private static readonly ConditionalWeakTable<object, OpenAIClientContext> Attached = new();

    private static readonly OpenAIAssistantsClientOptions DefaultOptions = new();

    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions>? _options;

    public OpenAIClientContext(
        ILoggerFactory loggerFactory,
        IOptionsMonitor<OpenAIAssistantsClientOptions> options,
        TimeProvider timeProvider,
        OpenAIErrorTranslator errors,
        ClientLifetime lifetime)
    {
        ClientLifetime = lifetime.Token;
        RunsLogger = loggerFactory.CreateLogger(OpenAIAssistantsTelemetry.RunsLogCategory);
        _options = options;
        TimeProvider = timeProvider;
        Errors = errors;
    }

    private OpenAIClientContext()
    {
        RunsLogger = NullLogger.Instance;
        TimeProvider = TimeProvider.System;
        Errors = OpenAIErrorTranslator.Default;
    }

    /// <summary>Gets the context of a client that was not created by the registration (a mock).</summary>
    public static OpenAIClientContext Default { get; } = new();

    /// <summary>Gets the logger of the run helpers' events.</summary>
    public ILogger RunsLogger { get; }

    /// <summary>Gets the client's current options (the defaults for <see cref="Default"/>).</summary>
    public OpenAIAssistantsClientOptions Options => _options?.CurrentValue ?? DefaultOptions;

    /// <summary>Gets the clock registered with the client (<see cref="TimeProvider.System"/> unless the application registered another).</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>Gets a token cancelled when the client is disposed, so the helpers' waits and streams end with it (never cancelled for
    /// <see cref="Default"/>).</summary>
    public CancellationToken ClientLifetime { get; }

    /// <summary>Gets the client's error translation.</summary>
    public OpenAIErrorTranslator Errors { get; }

    /// <summary>Gets the <c>gen_ai.provider.name</c> of the client, by its current options.</summary>
    public string Provider => ProviderOf(_options?.CurrentValue);

    /// <summary>Gets how long a stream may stay silent when the call sets no idle timeout of its own.</summary>
    public TimeSpan StreamIdleTimeout => Options.StreamIdleTimeout;

    /// <summary>Gets the provider name the options select: Azure OpenAI when the Azure profile is on, else OpenAI.</summary>
    public static string ProviderOf(OpenAIAssistantsClientOptions? options) =>
        options?.AzureEndpoint is null ? OpenAITelemetry.OpenAIProvider : OpenAITelemetry.AzureProvider;

    /// <summary>Gets the context attached to <paramref name="api"/>, or <see cref="Default"/>.</summary>
    public static OpenAIClientContext For(object api) => Attached.TryGetValue(api, out OpenAIClientContext? context) ? context : Default;

    /// <summary>Attaches this context to a client the registration created, and returns the client.</summary>
    public object Attach(object api)
    {
        Attached.AddOrUpdate(api, this);
        return api;
    }

    /// <summary>Builds the typed exception of an error response (the one translation path of the client).</summary>
    public Task<OpenAIApiException> TranslateErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Errors.TranslateAsync(response, cancellationToken);

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="value"/> is a usable path id.</summary>
    public static void ValidateId([NotNull] string? value, string parameterName) =>
        RequestValidation.ValidateId(value, parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> unless the page size is within the API's range.</summary>
    public static void ValidateLimit(int? limit, string parameterName) => RequestValidation.ValidateLimit(limit, parameterName);

    /// <summary>Throws <see cref="ArgumentException"/> unless the request body is valid (before anything is sent).</summary>
    public static void ValidateBody<T>(T body) => RequestValidation.ValidateBody(body);

    /// <summary>Gets the server's request id of a response, if any.</summary>
    public static string? RequestIdOf(HttpResponseMessage response) => WireHeaders.RequestIdOf(response);

    /// <summary>Reads the fields of an OpenAI error object (the SSE <c>error</c> event).</summary>
    public static (string? Type, string? Code, string? Param, string? Message) ParseError(JsonElement root)
    {
        OpenAIErrorParser.ErrorBody error = OpenAIErrorParser.ParseElement(root);
        return (error.Type, error.Code, error.Param, error.Message);
    }

    /// <summary>Gets the exception of a call made to, or cut by, a disposed client.</summary>
    public static ObjectDisposedException ClientDisposed() => Pipeline.ClientLifetime.Disposed();

    /// <summary>Wraps an event stream so that more than <paramref name="maxEventBytes"/> bytes without a complete event fail the read with
    /// <see cref="InvalidDataException"/>; call the returned action at the end of each event. <paramref name="onBytes"/> is called on
    /// every read that received bytes (keep-alive comments included, which the parser never yields).</summary>
    public static (Stream Body, Action EventCompleted) LimitEventSize(Stream body, long maxEventBytes, Action? onBytes = null)
    {
        var limited = new EventSizeLimitingStream(body, maxEventBytes, onBytes);
        return (limited, limited.EventCompleted);
    }

    /// <summary>Opens a capture of the metadata of the responses the current flow receives; dispose it to close it.</summary>
    public static ResponseCapture CaptureResponses() => new();

    /// <summary>
    /// A capture of response metadata: an ambient (<see cref="AsyncLocal{T}"/>) slot that flows with the call into the HTTP pipeline,
    /// whose <see cref="ResponseMetadataCaptureHandler"/> (outside the retry policy) stores the metadata of every final response (after
    /// retries) into the open capture. A mock of an interface simply leaves it empty.
    /// </summary>
    public sealed class ResponseCapture : IDisposable
    {
        private static readonly AsyncLocal<ResponseCapture?> CurrentCapture = new();

        private readonly ResponseCapture? _outer;
        private OpenAIResponseMetadata? _last;

        internal ResponseCapture()
        {
            _outer = CurrentCapture.Value;
            CurrentCapture.Value = this;
        }

        /// <summary>Gets the capture open in the current flow, if any.</summary>
        public static ResponseCapture? Current => CurrentCapture.Value;

        /// <summary>Gets the metadata of the last response seen, or <see langword="null"/>.</summary>
        public OpenAIResponseMetadata? Last => Volatile.Read(ref _last);

        /// <summary>Stores the metadata of a response (the latest wins).</summary>
        public void Set(OpenAIResponseMetadata metadata) => Volatile.Write(ref _last, metadata);

        /// <summary>Closes the capture: the flow's outer capture, if any, is current again.</summary>
        public void Dispose() => CurrentCapture.Value = _outer;
    }
}
