using System.Net;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Checks the options at start-up (<c>ValidateOnStart</c>) and on every reload.</summary>
internal sealed class OpenAIAssistantsClientOptionsValidator : IValidateOptions<OpenAIAssistantsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIAssistantsClientOptions options)
    {
        List<string> failures = [];
        ValidateHeaderValue(options.ApiKey, nameof(options.ApiKey), failures);
        ValidateHeaderValue(options.Organization, nameof(options.Organization), failures);
        ValidateHeaderValue(options.Project, nameof(options.Project), failures);
        ValidateHeaderValue(options.BetaHeader, nameof(options.BetaHeader), failures);
        if (string.IsNullOrWhiteSpace(options.ApiKey) && options.ApiKeyProvider is null && !(options.AzureEndpoint is not null && options.AzureTokenProvider is not null))
        {
            failures.Add(options.AzureEndpoint is null
                ? "OpenAIAssistantsClientOptions.ApiKey (or ApiKeyProvider) is required."
                : "OpenAIAssistantsClientOptions.ApiKey (or ApiKeyProvider, or AzureTokenProvider) is required.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri)
        {
            failures.Add("OpenAIAssistantsClientOptions.BaseAddress must be an absolute URI.");
        }
        else if (options.BaseAddress.Scheme != Uri.UriSchemeHttps && !(options.BaseAddress.Scheme == Uri.UriSchemeHttp && IsLoopback(options.BaseAddress)))
        {
            failures.Add($"OpenAIAssistantsClientOptions.BaseAddress must use https (http is allowed only for loopback hosts); got '{SafeUri.AuthorityOf(options.BaseAddress)}'.");
        }
        else if (!string.IsNullOrEmpty(options.BaseAddress.UserInfo))
        {
            failures.Add(UserInfoFailure(nameof(options.BaseAddress)));
        }
        else if (!string.IsNullOrEmpty(options.BaseAddress.Query) || !string.IsNullOrEmpty(options.BaseAddress.Fragment))
        {
            failures.Add("OpenAIAssistantsClientOptions.BaseAddress must not have a query or a fragment.");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("OpenAIAssistantsClientOptions.MaxRetries must be between 0 and 10.");
        }

        if (options.AttemptTimeout <= TimeSpan.Zero && options.AttemptTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("OpenAIAssistantsClientOptions.AttemptTimeout must be positive (or infinite).");
        }

        if (options.StreamIdleTimeout <= TimeSpan.Zero && options.StreamIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            failures.Add("OpenAIAssistantsClientOptions.StreamIdleTimeout must be positive (or infinite).");
        }

        if (options.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add("OpenAIAssistantsClientOptions.MaxRetryAfter must not be negative.");
        }

        if (options.MaxErrorContentLength < 256)
        {
            failures.Add("OpenAIAssistantsClientOptions.MaxErrorContentLength must be at least 256.");
        }

        if (options.MaxResponseContentLength < 1024)
        {
            failures.Add("OpenAIAssistantsClientOptions.MaxResponseContentLength must be at least 1024 bytes.");
        }

        ValidateAzure(options, failures);
        if (options.MaxLoggedContentLength < 0)
        {
            failures.Add("OpenAIAssistantsClientOptions.MaxLoggedContentLength must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateAzure(OpenAIAssistantsClientOptions options, List<string> failures)
    {
        if (options.AzureEndpoint is not { } endpoint)
        {
            if (options.AzureTokenProvider is not null || !string.IsNullOrEmpty(options.AzureApiVersion))
            {
                failures.Add("OpenAIAssistantsClientOptions.AzureApiVersion and AzureTokenProvider apply only with AzureEndpoint (see UseAzure).");
            }

            return;
        }

        if (!endpoint.IsAbsoluteUri)
        {
            failures.Add("OpenAIAssistantsClientOptions.AzureEndpoint must be an absolute URI.");
        }
        else if (endpoint.Scheme != Uri.UriSchemeHttps && !(endpoint.Scheme == Uri.UriSchemeHttp && IsLoopback(endpoint)))
        {
            failures.Add($"OpenAIAssistantsClientOptions.AzureEndpoint must use https (http is allowed only for loopback hosts); got '{SafeUri.AuthorityOf(endpoint)}'.");
        }
        else if (!string.IsNullOrEmpty(endpoint.UserInfo))
        {
            failures.Add(UserInfoFailure(nameof(options.AzureEndpoint)));
        }
        else if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
        {
            failures.Add("OpenAIAssistantsClientOptions.AzureEndpoint must not have a query or a fragment.");
        }

        if (string.IsNullOrWhiteSpace(options.AzureApiVersion))
        {
            failures.Add("OpenAIAssistantsClientOptions.AzureApiVersion is required with AzureEndpoint (e.g. 2024-05-01-preview).");
        }
    }

    /// <summary>A header value that cannot be sent (see <see cref="HeaderValue"/>): named, never quoted (it may be the key).</summary>
    private static void ValidateHeaderValue(string? value, string option, List<string> failures)
    {
        if (!HeaderValue.IsValid(value))
        {
            failures.Add($"OpenAIAssistantsClientOptions.{option} {HeaderValue.Rule}.");
        }
    }

    /// <summary>User info in an address is a credential sent in clear to every log that prints a URL: refused, never quoted.</summary>
    private static string UserInfoFailure(string option) =>
        $"OpenAIAssistantsClientOptions.{option} must not contain user info (user:password@); pass the key through ApiKey or ApiKeyProvider.";

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));
}
