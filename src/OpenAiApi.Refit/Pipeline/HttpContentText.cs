using System.Text;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>Reads the beginning of a body as text, never more than asked: error bodies and snippets of unusable bodies.</summary>
internal static class HttpContentText
{
    /// <summary>Reads at most <paramref name="maxChars"/> characters of <paramref name="content"/> (UTF-8 unless a BOM says otherwise).</summary>
    public static async Task<string> ReadPrefixAsync(HttpContent content, int maxChars, CancellationToken cancellationToken)
    {
        Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 4096, leaveOpen: true);
            char[] buffer = new char[Math.Min(maxChars, 16 * 1024)];
            var text = new StringBuilder();
            while (text.Length < maxChars)
            {
                int read = await reader.ReadAsync(buffer.AsMemory(0, Math.Min(buffer.Length, maxChars - text.Length)), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                text.Append(buffer, 0, read);
            }

            return text.ToString();
        }
    }
}
