using System.ClientModel;
using System.Globalization;
using System.Net;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>Turns a chat model's failure into a run's <c>last_error</c>, the way the Assistants API reported model failures.</summary>
internal static class ModelErrors
{
    /// <summary>The longest model error text kept in <c>last_error.message</c>.</summary>
    private const int MaxDetailLength = 500;

    /// <summary>Gets a value indicating whether the backend said the model does not exist.</summary>
    /// <param name="exception">The failure.</param>
    /// <returns>Whether it is a "model not found".</returns>
    public static bool IsModelNotFound(Exception exception) =>
        StatusOf(exception) == 404 || exception.Message.Contains("model_not_found", StringComparison.Ordinal);

    /// <summary>Classifies a failure: <c>rate_limit_exceeded</c> (429), <c>invalid_prompt</c> (the backend refused the request:
    /// 400, 404, 413, 422, or an error content), <c>server_error</c> otherwise.</summary>
    /// <param name="exception">The failure.</param>
    /// <param name="secret">A value that must not appear in the message (the endpoint's key), or <see langword="null"/>.</param>
    /// <returns>The error.</returns>
    public static RunError ToLastError(Exception exception, string? secret)
    {
        int? status = StatusOf(exception);
        string code = status switch
        {
            429 => "rate_limit_exceeded",
            400 or 404 or 413 or 422 => "invalid_prompt",
            _ when exception is ModelRefusedException => "invalid_prompt",
            _ => "server_error",
        };

        string detail = status is 401 or 403
            ? "the backend refused the emulator's credentials"
            : Sanitize(exception.Message, secret);
        string prefix = status is int s
            ? string.Create(CultureInfo.InvariantCulture, $"The chat model failed (HTTP {s}): ")
            : "The chat model failed: ";
        return new RunError { Code = code, Message = prefix + detail };
    }

    private static int? StatusOf(Exception exception) => exception switch
    {
        ClientResultException { Status: > 0 } result => result.Status,
        HttpRequestException { StatusCode: HttpStatusCode code } => (int)code,
        _ when exception.InnerException is Exception inner => StatusOf(inner),
        _ => null,
    };

    private static string Sanitize(string message, string? secret)
    {
        if (!string.IsNullOrEmpty(secret))
        {
            message = message.Replace(secret, "****", StringComparison.Ordinal);
        }

        message = message.ReplaceLineEndings(" ").Trim();
        return message.Length <= MaxDetailLength ? message : string.Concat(message.AsSpan(0, MaxDetailLength), "…");
    }
}

/// <summary>The model answered with an error content instead of a turn.</summary>
internal sealed class ModelRefusedException : Exception
{
    public ModelRefusedException()
    {
    }

    public ModelRefusedException(string message)
        : base(message)
    {
    }

    public ModelRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
