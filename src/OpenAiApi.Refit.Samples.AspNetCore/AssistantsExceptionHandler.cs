using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OpenAiApi.Refit.Samples.AspNetCore;

/// <summary>
/// Turns the library's exceptions into problem details (RFC 9457) for <c>UseExceptionHandler</c>:
/// <list type="bullet">
/// <item><see cref="AssistantsApiUnavailableException"/> → 503, with the library's explanation (the server has no Assistants API);</item>
/// <item>any other <see cref="OpenAIApiException"/> → the server's status (401, 404, 429 with <c>Retry-After</c>…) and its error
/// type, code, param and request id as extensions;</item>
/// <item><see cref="OpenAITimeoutException"/> → 504; <see cref="OpenAIConnectionException"/>, <see cref="OpenAIStreamException"/>,
/// <see cref="OpenAIResponseValidationException"/> → 502;</item>
/// <item><see cref="ArgumentException"/> (an id the library refuses to send) and <see cref="BadHttpRequestException"/> → 400.</item>
/// </list>
/// Anything else is left to the default handler (500).
/// </summary>
/// <param name="problemDetails">Writes the problem details.</param>
/// <param name="logger">The logger.</param>
public sealed partial class AssistantsExceptionHandler(IProblemDetailsService problemDetails, ILogger<AssistantsExceptionHandler> logger) : IExceptionHandler
{
    /// <inheritdoc/>
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ProblemDetails? problem = ToProblemDetails(exception);
        if (problem is null)
        {
            return false;
        }

        LogMapped(logger, problem.Status, exception.GetType().Name, exception.Message);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        if (exception is OpenAIApiException { RetryAfter: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        }).ConfigureAwait(false);
    }

    /// <summary>Describes an exception as problem details, or returns <see langword="null"/> for exceptions this sample does not
    /// map (they stay 500s). Also used for the <c>failure</c> event of a stream that fails after it started.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The problem details, or <see langword="null"/>.</returns>
    public static ProblemDetails? ToProblemDetails(Exception exception) => exception switch
    {
        AssistantsApiUnavailableException unavailable => Problem(
            StatusCodes.Status503ServiceUnavailable, "The configured server has no Assistants API", unavailable.Message, unavailable),
        OpenAIApiException api => Problem(
            (int)api.StatusCode, "The Assistants server refused the request", api.ErrorMessage ?? api.Message, api),
        OpenAITimeoutException timeout => Problem(
            StatusCodes.Status504GatewayTimeout, "The Assistants server did not answer in time", timeout.Message, timeout),
        OpenAIConnectionException connection => Problem(
            StatusCodes.Status502BadGateway, "The Assistants server could not be reached", connection.Message, connection),
        OpenAIStreamException stream => Problem(
            StatusCodes.Status502BadGateway, "The run stream failed", stream.ErrorMessage ?? stream.Message, stream),
        OpenAIException other => Problem(
            StatusCodes.Status502BadGateway, "The Assistants server sent an unusable answer", other.Message, other),
        BadHttpRequestException badRequest => Problem(badRequest.StatusCode, "Bad request", badRequest.Message, null),
        ArgumentException argument => Problem(StatusCodes.Status400BadRequest, "Invalid argument", argument.Message, null),
        _ => null,
    };

    private static ProblemDetails Problem(int status, string title, string detail, OpenAIException? source)
    {
        var problem = new ProblemDetails
        {
            Status = status,
            Title = title,
            Detail = detail,
        };
        switch (source)
        {
            case OpenAIApiException api:
                Add(problem, "errorType", api.ErrorType);
                Add(problem, "errorCode", api.ErrorCode);
                Add(problem, "param", api.Param);
                break;
            case OpenAIStreamException stream:
                Add(problem, "errorType", stream.ErrorType);
                Add(problem, "errorCode", stream.ErrorCode);
                Add(problem, "runId", stream.RunId);
                break;
        }

        Add(problem, "upstreamRequestId", source?.RequestId);
        return problem;
    }

    private static void Add(ProblemDetails problem, string key, string? value)
    {
        if (value is not null)
        {
            problem.Extensions[key] = value;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Answered {Status} for {ExceptionType}: {ExceptionMessage}")]
    private static partial void LogMapped(ILogger logger, int? status, string exceptionType, string exceptionMessage);
}
