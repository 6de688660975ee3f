using System.Net.Http.Headers;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The one rule for every header value the client takes from its options or from a provider (the key, the Azure token,
/// <c>OpenAI-Organization</c>, <c>OpenAI-Project</c>, <c>OpenAI-Beta</c>): surrounding whitespace is trimmed (a key read from a file
/// or an environment variable often ends in a line break), and what is left must be printable ASCII (U+0020 to U+007E). CR, LF, NUL,
/// any other control character and any non-ASCII character never reach the wire: they could end the header block and smuggle
/// headers or a second request into the connection. Messages name the value's source, never the value.
/// </summary>
internal static class HeaderValue
{
    /// <summary>What is wrong with a value, for messages (the value itself is never quoted: it may be a secret).</summary>
    public const string Rule = "contains a line break, a control character or a non-ASCII character (header values must be printable ASCII)";

    /// <summary>Trims the surrounding whitespace of <paramref name="value"/>; <see langword="null"/> stays <see langword="null"/>.</summary>
    public static string? Normalize(string? value) => value?.Trim();

    /// <summary>Gets a value indicating whether <paramref name="value"/>, once trimmed, can be sent as a header value.</summary>
    public static bool IsValid(string? value) => value is null || IsPrintableAscii(value.AsSpan().Trim());

    /// <summary>Trims <paramref name="value"/> and returns it, or throws when it cannot be sent.</summary>
    /// <param name="value">The value as given.</param>
    /// <param name="source">Where it came from, for the message (e.g. <c>OpenAIAssistantsClientOptions.ApiKeyProvider</c>).</param>
    /// <returns>The trimmed value.</returns>
    /// <exception cref="InvalidOperationException">The trimmed value has a character outside U+0020 to U+007E: a configuration error,
    /// raised before the request is sent and never retried (the pipeline passes it through untranslated).</exception>
    public static string? Checked(string? value, string source)
    {
        string? trimmed = Normalize(value);
        if (trimmed is not null && !IsPrintableAscii(trimmed))
        {
            throw new InvalidOperationException($"{source} {Rule}; no request was sent.");
        }

        return trimmed;
    }

    /// <summary>Sets header <paramref name="name"/> to a value from the options (trimmed and checked by <see cref="Checked"/>), or
    /// removes it when that value is empty.</summary>
    /// <param name="headers">The request's headers.</param>
    /// <param name="name">The header's name.</param>
    /// <param name="value">The value as given.</param>
    /// <param name="source">Where it came from, for the message.</param>
    /// <exception cref="InvalidOperationException">The trimmed value cannot be sent (see <see cref="Checked"/>).</exception>
    public static void SetOrRemove(HttpRequestHeaders headers, string name, string? value, string source)
    {
        value = Checked(value, source);
        if (string.IsNullOrEmpty(value))
        {
            if (headers.NonValidated.Contains(name))
            {
                headers.Remove(name);
            }

            return;
        }

        headers.Remove(name);
        headers.TryAddWithoutValidation(name, value);
    }

    private static bool IsPrintableAscii(ReadOnlySpan<char> value)
    {
        foreach (char c in value)
        {
            if (c is < '\u0020' or > '\u007E')
            {
                return false;
            }
        }

        return true;
    }
}
