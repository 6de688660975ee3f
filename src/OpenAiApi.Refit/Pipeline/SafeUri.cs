namespace OpenAiApi.Refit.Pipeline;

/// <summary>The one way a URL is printed (messages, <c>ToString()</c>, exception properties): without its user info, so a
/// credential written into an address (<c>https://user:secret@host/</c>) never reaches a log or an exception. Validation refuses
/// such addresses; this keeps what is printed before validation (or by a path it does not cover) clean too.</summary>
internal static class SafeUri
{
    /// <summary>Gets <paramref name="uri"/> without user info (unchanged when it has none, or is relative).</summary>
    public static Uri? Redact(Uri? uri)
    {
        if (uri is null || !uri.IsAbsoluteUri || string.IsNullOrEmpty(uri.UserInfo))
        {
            return uri;
        }

        return new UriBuilder(uri) { UserName = string.Empty, Password = string.Empty }.Uri;
    }

    /// <summary>Gets the text of <paramref name="uri"/> without user info; <c>&lt;none&gt;</c> for <see langword="null"/>.</summary>
    public static string Display(Uri? uri) => Redact(uri)?.ToString() ?? "<none>";

    /// <summary>Gets the scheme, host, port and path of <paramref name="uri"/>, without user info, query or fragment.</summary>
    public static string? PathOf(Uri? uri) => uri is { IsAbsoluteUri: true } ? Redact(uri)!.GetLeftPart(UriPartial.Path) : uri?.ToString();

    /// <summary>Gets the scheme, host and port of <paramref name="uri"/>, without user info.</summary>
    public static string AuthorityOf(Uri uri) => Redact(uri)!.GetLeftPart(UriPartial.Authority);
}
