using OpenAiApi.Refit.Emulator.Http;

namespace OpenAiApi.Refit.Emulator.Faults;

/// <summary>
/// Injected request faults: arms the faults of an <c>x-emulator-fault</c> header (an invalid one is a 400 <c>invalid_fault</c>),
/// then takes the first armed request fault: <c>slow</c> delays the request, a status fault answers in its place (with the
/// <c>Retry-After</c>, <c>retry-after-ms</c> and <c>x-should-retry</c> it asks for). Stream and run faults strike later, in the
/// run streamer and the run engine. The grammar is in the emulator's README.
/// </summary>
internal sealed class FaultMiddleware
{
    private readonly RequestDelegate _next;
    private readonly FaultInjector _faults;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;

    public FaultMiddleware(RequestDelegate next, FaultInjector faults, AssistantsEmulatorOptions options, IHostApplicationLifetime lifetime)
    {
        _next = next;
        _faults = faults;
        _time = options.TimeProvider;
        _lifetime = lifetime;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Headers.TryGetValue(AssistantsEmulator.FaultHeaderName, out var header) && header.Count > 0)
        {
            try
            {
                _faults.ArmFromHeader(header.ToString());
            }
            catch (FormatException ex)
            {
                throw ApiErrors.BadRequest($"Invalid '{AssistantsEmulator.FaultHeaderName}' header: {ex.Message}", AssistantsEmulator.FaultHeaderName, "invalid_fault");
            }
        }

        if (_faults.TakeRequestFault() is FaultSpec fault)
        {
            if (fault.Kind != FaultKind.Slow)
            {
                throw StatusFault(fault);
            }

            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _lifetime.ApplicationStopping);
            await Task.Delay(fault.Delay ?? TimeSpan.Zero, _time, stopping.Token);
        }

        await _next(context);
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
}
