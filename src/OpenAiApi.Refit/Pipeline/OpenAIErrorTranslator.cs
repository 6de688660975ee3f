using System.Text;
using Microsoft.Extensions.Options;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>
/// The one path from an error response to the typed exception, for Refit's exception factory and for the streaming helpers (which get
/// the raw response): reads at most <see cref="OpenAIAssistantsClientOptions.MaxErrorContentLength"/> characters of the body (already a
/// capped, buffered copy when the response went through the pipeline), with the client's base address and clock.
/// </summary>
internal sealed class OpenAIErrorTranslator
{
    private readonly IOptionsMonitor<OpenAIAssistantsClientOptions>? _options;
    private readonly TimeProvider _timeProvider;

    public OpenAIErrorTranslator(IOptionsMonitor<OpenAIAssistantsClientOptions> options, TimeProvider timeProvider)
    {
        _options = options;
        _timeProvider = timeProvider;
    }

    private OpenAIErrorTranslator()
    {
        _timeProvider = TimeProvider.System;
    }

    /// <summary>Gets the translator of an interface that is not backed by the library's pipeline (a mock): the default error cap, the
    /// system clock, no base address.</summary>
    public static OpenAIErrorTranslator Default { get; } = new();

    /// <summary>Gets the base address of the client, or <see langword="null"/> for <see cref="Default"/>.</summary>
    public Uri? BaseAddress => _options?.CurrentValue.BaseAddress;

    /// <summary>Builds the typed exception of an error response; reads its body (capped), never throws for an unreadable body.</summary>
    /// <param name="response">The error response.</param>
    /// <param name="cancellationToken">The caller's token.</param>
    /// <returns>The exception to throw.</returns>
    public async Task<OpenAIApiException> TranslateAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        int maxChars = _options?.CurrentValue.MaxErrorContentLength ?? OpenAIAssistantsClientOptions.DefaultMaxErrorContentLength;
        string body;
        try
        {
            body = await HttpContentText.ReadPrefixAsync(response.Content, maxChars, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or DecoderFallbackException)
        {
            body = string.Empty; // the status alone still picks the exception type
        }

        return OpenAIErrorParser.CreateException(response, body, BaseAddress, _timeProvider.GetUtcNow());
    }
}
