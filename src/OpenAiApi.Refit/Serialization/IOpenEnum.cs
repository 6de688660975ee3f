namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// A string-backed enumeration whose set of values is open: the server may send values this library does not know yet,
/// and they round-trip unchanged instead of failing.
/// </summary>
/// <typeparam name="TSelf">The implementing value type.</typeparam>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "An open enumeration is what it is.")]
internal interface IOpenEnum<TSelf>
    where TSelf : struct, IOpenEnum<TSelf>
{
    /// <summary>Gets the wire value.</summary>
    string Value { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> is one this library version knows.</summary>
    bool IsKnown { get; }

    /// <summary>Creates an instance from its wire value.</summary>
    /// <param name="value">The wire value.</param>
    /// <returns>The instance.</returns>
    static abstract TSelf FromValue(string value);
}
