using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace OpenAiApi.Refit.Pipeline;

/// <summary>The argument checks run inside the Refit pipeline before a request leaves the process.</summary>
internal static partial class RequestValidation
{
    /// <summary>The longest id accepted in a path.</summary>
    public const int MaxIdLength = 128;

    /// <summary>The most metadata pairs an object may carry.</summary>
    public const int MaxMetadataPairs = 16;

    /// <summary>The longest metadata key.</summary>
    public const int MaxMetadataKeyLength = 64;

    /// <summary>The longest metadata value.</summary>
    public const int MaxMetadataValueLength = 512;

    private static readonly SearchValues<char> IdChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Throws unless <paramref name="value"/> is a safe path id: 1–128 characters of <c>[A-Za-z0-9_-]</c>.</summary>
    public static void ValidateId([NotNull] string? value, string parameterName)
    {
        if (value is null)
        {
            throw new ArgumentNullException(parameterName, $"A value is required for {parameterName}.");
        }

        if (value.Length == 0 || value.Length > MaxIdLength || value.AsSpan().ContainsAnyExcept(IdChars))
        {
            throw new ArgumentException(
                $"Invalid {parameterName} {Describe(value)}: expected 1 to {MaxIdLength} characters of A-Z, a-z, 0-9, '_' or '-'.",
                parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="limit"/> is null or within 1–100.</summary>
    public static void ValidateLimit(int? limit, string parameterName)
    {
        if (limit is < 1 or > 100)
        {
            throw new ArgumentOutOfRangeException(parameterName, limit, "The page size 'limit' must be between 1 and 100.");
        }
    }

    /// <summary>Throws unless <paramref name="metadata"/> is null or within the API's limits.</summary>
    public static void ValidateMetadata(IEnumerable<KeyValuePair<string, string>>? metadata, string parameterName)
    {
        if (metadata is null)
        {
            return;
        }

        int count = 0;
        if (metadata is Dictionary<string, string> dictionary)
        {
            foreach (KeyValuePair<string, string> pair in dictionary) // the usual type: its struct enumerator, nothing boxed per request
            {
                ValidatePair(pair, ++count, parameterName);
            }

            return;
        }

        foreach (KeyValuePair<string, string> pair in metadata)
        {
            ValidatePair(pair, ++count, parameterName);
        }
    }

    private static void ValidatePair(KeyValuePair<string, string> pair, int count, string parameterName)
    {
        if (count > MaxMetadataPairs)
        {
            throw new ArgumentException($"Metadata may hold at most {MaxMetadataPairs} pairs.", parameterName);
        }

        if (string.IsNullOrEmpty(pair.Key) || pair.Key.Length > MaxMetadataKeyLength)
        {
            throw new ArgumentException($"Metadata keys must be 1 to {MaxMetadataKeyLength} characters long (got {Describe(pair.Key)}).", parameterName);
        }

        if (pair.Value is null || pair.Value.Length > MaxMetadataValueLength)
        {
            throw new ArgumentException($"Metadata value of key '{pair.Key}' must be a string of at most {MaxMetadataValueLength} characters.", parameterName);
        }
    }

    private static string Describe(string? value) => value switch
    {
        null => "null",
        "" => "an empty string",
        { Length: > 40 } => $"{value.Length} characters",
        _ => $"'{value}'",
    };
}
