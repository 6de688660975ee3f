using System.Buffers;
using System.Security.Cryptography;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>Object ids: generation (<c>asst_</c> + 24 random base-62 characters, like the real service) and validation
/// (<c>^[A-Za-z0-9_-]{1,128}$</c>, the rule the client enforces too).</summary>
internal static class Ids
{
    public const int MaxLength = 128;

    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly SearchValues<char> IdChars = SearchValues.Create(Alphabet + "_-");

    public static string New(string prefix) => prefix + RandomNumberGenerator.GetString(Alphabet, 24);

    public static string NewRequestId() => "req_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? value) =>
        !string.IsNullOrEmpty(value) && value.Length <= MaxLength && !value.AsSpan().ContainsAnyExcept(IdChars);

    /// <summary>Checks a path or query id.</summary>
    /// <param name="value">The id.</param>
    /// <param name="param">The parameter name for the error.</param>
    /// <returns>The id.</returns>
    public static string Check(string? value, string param) => IsValid(value) ? value! : throw ApiErrors.InvalidId(param, value ?? string.Empty);
}
