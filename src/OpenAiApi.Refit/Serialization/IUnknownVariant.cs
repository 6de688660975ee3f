using System.Text.Json;

namespace OpenAiApi.Refit.Serialization;

/// <summary>The variant of a polymorphic model that stands for a <c>type</c> this library does not know: it keeps the raw JSON.</summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
internal interface IUnknownVariant<TSelf>
    where TSelf : class, IUnknownVariant<TSelf>
{
    /// <summary>Gets the raw JSON object as the server sent it.</summary>
    JsonElement RawJson { get; }

    /// <summary>Creates the unknown variant.</summary>
    /// <param name="type">The wire <c>type</c>, or an empty string when it was missing.</param>
    /// <param name="rawJson">The whole JSON object.</param>
    /// <returns>The instance.</returns>
    static abstract TSelf Create(string type, JsonElement rawJson);
}
