using System.Net;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Internal;

/// <summary>Checks the options at start-up (<c>ValidateOnStart</c>) and on every reload.</summary>
internal sealed class OpenAIAssistantsClientOptionsValidator : IValidateOptions<OpenAIAssistantsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OpenAIAssistantsClientOptions options)
    {
        List<string> failures = [];
        if (string.IsNullOrWhiteSpace(options.ApiKey) && options.ApiKeyProvider is null)
        {
            failures.Add("OpenAIAssistantsClientOptions.ApiKey (or ApiKeyProvider) is required.");
        }

        if (options.BaseAddress is null || !options.BaseAddress.IsAbsoluteUri)
        {
            failures.Add("OpenAIAssistantsClientOptions.BaseAddress must be an absolute URI.");
        }
        else if (options.BaseAddress.Scheme != Uri.UriSchemeHttps && !(options.BaseAddress.Scheme == Uri.UriSchemeHttp && IsLoopback(options.BaseAddress)))
        {
            failures.Add($"OpenAIAssistantsClientOptions.BaseAddress must use https (http is allowed only for loopback hosts); got '{options.BaseAddress.GetLeftPart(UriPartial.Authority)}'.");
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

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    internal static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out IPAddress? ip) && IPAddress.IsLoopback(ip));
}
