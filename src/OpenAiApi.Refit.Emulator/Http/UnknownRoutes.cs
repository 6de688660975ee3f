using Microsoft.AspNetCore.Diagnostics;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The answer to a request that matched no route (404) or no method of its route (405), for
/// <c>UseStatusCodePages</c>: the access checks first (a missing key is a 401 before a 404), then <c>Invalid URL (GET /v1/…)</c>.
/// Both are thrown, so the one exception handler writes them.</summary>
internal static class UnknownRoutes
{
    /// <summary>Answers a response that routing left empty with a 404 or 405.</summary>
    /// <param name="context">The status-code context.</param>
    /// <param name="access">The access checks of the <c>/v1</c> group.</param>
    /// <returns>A completed task; an error answer is thrown.</returns>
    /// <exception cref="EmulatorApiException">The access checks refused the request, or the URL is invalid.</exception>
    public static Task AnswerAsync(StatusCodeContext context, ApiAccessFilter access)
    {
        HttpContext http = context.HttpContext;
        if (http.Response.StatusCode is not (StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed))
        {
            return Task.CompletedTask;
        }

        access.Check(http.Request);
        throw ApiErrors.InvalidUrl(http.Request.Method, http.Request.Path, http.Response.StatusCode);
    }
}
