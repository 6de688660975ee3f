using System.Security.Cryptography;
using System.Text;
using OpenAiApi.Refit.Emulator.Hosting;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>
/// The <c>/v1</c> group's filter: the API key (<c>Authorization: Bearer</c>, or Azure's <c>api-key</c>), then the
/// <c>OpenAI-Beta: assistants=v2</c> header when <see cref="AssistantsEmulatorOptions.RequireBetaHeader"/> asks for it. A request
/// to no route is checked the same way first (see <see cref="UnknownRoutes"/>), so a missing key is a 401 before a 404, as on the
/// real service. A refused key is logged masked.
/// </summary>
internal sealed class ApiAccessFilter : IEndpointFilter
{
    private readonly AssistantsEmulatorOptions _options;
    private readonly ILogger<ApiAccessFilter> _logger;

    public ApiAccessFilter(AssistantsEmulatorOptions options, ILogger<ApiAccessFilter> logger)
    {
        _options = options;
        _logger = logger;
    }

    /// <inheritdoc/>
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        Check(context.HttpContext.Request);
        return next(context);
    }

    /// <summary>Refuses a request without an accepted key, or without the beta header when it is required.</summary>
    /// <param name="request">The request.</param>
    /// <exception cref="EmulatorApiException">401 or 400 <c>invalid_beta</c>.</exception>
    public void Check(HttpRequest request)
    {
        Authenticate(request);
        if (_options.RequireBetaHeader && !request.Headers["OpenAI-Beta"].ToString().Contains("assistants=v2", StringComparison.Ordinal))
        {
            throw ApiErrors.BadRequest(
                "You must provide the 'OpenAI-Beta' header to access the Assistants API. Please try again by setting the header 'OpenAI-Beta: assistants=v2'.",
                null,
                "invalid_beta");
        }
    }

    private static string Mask(string key) => key.Length <= 8 ? "****" : string.Concat(key.AsSpan(0, 3), "****", key.AsSpan(key.Length - 4));

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

        string? expected = _options.ApiKey;
        if (!string.IsNullOrEmpty(expected)
            && !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(expected)))
        {
            string masked = Mask(key);
            EmulatorLog.WrongKey(_logger, masked);
            throw new EmulatorApiException(
                401,
                $"Incorrect API key provided: {masked}. The emulator accepts the key configured in AssistantsEmulatorOptions.ApiKey.",
                ApiErrors.InvalidRequest,
                null,
                "invalid_api_key");
        }
    }
}
