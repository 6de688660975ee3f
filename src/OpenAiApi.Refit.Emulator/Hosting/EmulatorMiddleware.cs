using System.Security.Cryptography;
using System.Text;
using System.Diagnostics.CodeAnalysis;
using OpenAiApi.Refit.Emulator.Faults;
using OpenAiApi.Refit.Emulator.Http;

namespace OpenAiApi.Refit.Emulator.Hosting;

/// <summary>
/// The emulator's outer pipeline, in order: <c>x-request-id</c> on every response; OpenAI-style error bodies for everything
/// thrown below (and for unknown routes); the API key; the beta header (when required); injected faults.
/// </summary>
internal sealed class EmulatorMiddleware
{
    public const string RequestIdHeader = "x-request-id";
    private const string HandledKey = "emulator.error-written";

    private readonly RequestDelegate _next;
    private readonly EmulatorRuntime _runtime;

    public EmulatorMiddleware(RequestDelegate next, EmulatorRuntime runtime)
    {
        _next = next;
        _runtime = runtime;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        context.Response.Headers[RequestIdHeader] = Ids.NewRequestId();
        context.Response.Headers["openai-version"] = "2020-10-01";
        try
        {
            Authenticate(context.Request);
            CheckBetaHeader(context.Request);
            await ApplyRequestFaultAsync(context);
            await _next(context);
            if (!context.Response.HasStarted && !context.Items.ContainsKey(HandledKey) && context.Response.StatusCode is 404 or 405)
            {
                throw ApiErrors.InvalidUrl(context.Request.Method, context.Request.Path, context.Response.StatusCode);
            }
        }
        catch (EmulatorApiException ex) when (!context.Response.HasStarted)
        {
            await WriteErrorAsync(context, ex);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            EmulatorApiException error = ex.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? ApiErrors.BodyTooLarge(_runtime.Options.MaxRequestBodySize, context.Request.ContentLength ?? 0)
                : ApiErrors.BadRequest("Bad request: " + ex.Message);
            await WriteErrorAsync(context, error);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception ex) when (!context.Response.HasStarted && IsUnexpected(ex))
        {
            await WriteErrorAsync(context, new EmulatorApiException(500, "The emulator failed: " + ex.Message, "server_error", null, null));
        }
    }

    /// <summary>Writes an error body.</summary>
    /// <param name="context">The request.</param>
    /// <param name="error">The error.</param>
    /// <returns>A task.</returns>
    public static async Task WriteErrorAsync(HttpContext context, EmulatorApiException error)
    {
        context.Items[HandledKey] = true;
        context.Response.StatusCode = error.StatusCode;
        foreach ((string name, string value) in error.Headers)
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.WriteAsJsonAsync(error.ToEnvelope(), EmulatorJson.Options, context.RequestAborted);
    }

    private void Authenticate(HttpRequest request)
    {
        string? key = null;
        string authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            key = authorization["Bearer ".Length..].Trim();
        }
        else if (request.Headers.TryGetValue("api-key", out var azureKey))
        {
            key = azureKey.ToString().Trim();
        }

        if (string.IsNullOrEmpty(key))
        {
            throw new EmulatorApiException(
                401,
                "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                ApiErrors.InvalidRequest,
                null,
                null);
        }

        string? expected = _runtime.Options.ApiKey;
        if (!string.IsNullOrEmpty(expected)
            && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(expected)))
        {
            throw new EmulatorApiException(
                401,
                $"Incorrect API key provided: {Mask(key)}. The emulator accepts the key configured in AssistantsEmulatorOptions.ApiKey.",
                ApiErrors.InvalidRequest,
                null,
                "invalid_api_key");
        }
    }

    private void CheckBetaHeader(HttpRequest request)
    {
        if (_runtime.Options.RequireBetaHeader && !request.Headers["OpenAI-Beta"].ToString().Contains("assistants=v2", StringComparison.Ordinal))
        {
            throw ApiErrors.BadRequest(
                "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
                null,
                "invalid_beta");
        }
    }

    private async Task ApplyRequestFaultAsync(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue(AssistantsEmulator.FaultHeaderName, out var header) && header.Count > 0)
        {
            try
            {
                _runtime.Faults.ArmFromHeader(header.ToString());
            }
            catch (FormatException ex)
            {
                throw ApiErrors.BadRequest($"Invalid '{AssistantsEmulator.FaultHeaderName}' header: {ex.Message}", AssistantsEmulator.FaultHeaderName, "invalid_fault");
            }
        }

        if (_runtime.Faults.TakeRequestFault() is not FaultSpec fault)
        {
            return;
        }

        if (fault.Kind == FaultKind.Slow)
        {
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(
                context.RequestAborted, context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            await Task.Delay(fault.Delay ?? TimeSpan.Zero, _runtime.Time, stopping.Token);
            return;
        }

        throw StatusFault(fault);
    }

    private static EmulatorApiException StatusFault(FaultSpec fault)
    {
        EmulatorApiException error = fault.StatusCode switch
        {
            429 => new EmulatorApiException(
                429,
                "Rate limit reached for requests (injected by the emulator's fault injection).",
                fault.Code == "insufficient_quota" ? "insufficient_quota" : "requests",
                null,
                fault.Code ?? "rate_limit_exceeded"),
            >= 500 => new EmulatorApiException(
                fault.StatusCode,
                "The server had an error while processing your request. Sorry about that! (injected by the emulator's fault injection)",
                "server_error",
                null,
                fault.Code),
            _ => new EmulatorApiException(
                fault.StatusCode,
                $"Injected error {fault.StatusCode} (the emulator's fault injection).",
                ApiErrors.InvalidRequest,
                null,
                fault.Code),
        };

        if (fault.RetryAfter is string retryAfter)
        {
            error.Headers["Retry-After"] = retryAfter;
        }

        if (fault.RetryAfterMs is string retryAfterMs)
        {
            error.Headers["retry-after-ms"] = retryAfterMs;
        }

        if (fault.ShouldRetry is string shouldRetry)
        {
            error.Headers["x-should-retry"] = shouldRetry;
        }

        return error;
    }

    [SuppressMessage("Design", "CA1031", Justification = "Any bug below becomes an OpenAI-style 500 instead of an empty body.")]
    private static bool IsUnexpected(Exception ex) => ex is not (EmulatorApiException or BadHttpRequestException or OperationCanceledException);

    private static string Mask(string key) => key.Length <= 8 ? "****" : string.Concat(key.AsSpan(0, 3), "****", key.AsSpan(key.Length - 4));
}
