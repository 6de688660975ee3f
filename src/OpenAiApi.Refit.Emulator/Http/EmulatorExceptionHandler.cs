using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Diagnostics;
using OpenAiApi.Refit.Emulator.Hosting;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>
/// Turns whatever a request throws into the OpenAI error body (<c>{"error":{"message","type","param","code"}}</c>), for
/// <c>UseExceptionHandler</c>: an <see cref="EmulatorApiException"/> with its status and headers; Kestrel's
/// <see cref="BadHttpRequestException"/> as a 400 (<c>request_too_large</c> for a 413); anything else as a logged 500. A client
/// that went away never gets here: the middleware drops those requests quietly.
/// </summary>
internal sealed class EmulatorExceptionHandler : IExceptionHandler
{
    private readonly AssistantsEmulatorOptions _options;
    private readonly ILogger<EmulatorExceptionHandler> _logger;

    public EmulatorExceptionHandler(AssistantsEmulatorOptions options, ILogger<EmulatorExceptionHandler> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc/>
    [SuppressMessage("Design", "CA1031", Justification = "Any bug below becomes an OpenAI-style 500 instead of an empty body.")]
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        EmulatorApiException error = exception switch
        {
            EmulatorApiException api => api,
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                ApiErrors.BodyTooLarge(_options.MaxRequestBodySize, httpContext.Request.ContentLength ?? 0),
            BadHttpRequestException bad => ApiErrors.BadRequest("Bad request: " + bad.Message),
            _ => Unexpected(httpContext, exception),
        };

        httpContext.Response.StatusCode = error.StatusCode;
        foreach ((string name, string value) in error.Headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        await httpContext.Response.WriteAsJsonAsync(error.ToEnvelope(), EmulatorJson.Options, cancellationToken);
        return true;
    }

    private EmulatorApiException Unexpected(HttpContext context, Exception exception)
    {
        EmulatorLog.Failed(_logger, context.Request.Method, context.Request.Path.ToString(), exception);
        return new EmulatorApiException(500, "The emulator failed: " + exception.Message, "server_error", null, null);
    }
}
