using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// A known concrete type of a polymorphic model, as <see cref="IPolymorphicBase{TBase}.GetDerivedType"/> names it: it reads that type
/// through its own (source-generated) converter, directly on the caller's reader and read state, so the object is read once.
/// <c>JsonSerializer.Deserialize(ref reader, typeInfo)</c> would first scan the whole object to fence the reader in, then read it
/// again (dotnet/runtime's <c>GetReaderScopedToNextValue</c>).
/// </summary>
/// <typeparam name="TBase">The polymorphic base.</typeparam>
internal abstract class PolymorphicVariant<TBase>
    where TBase : class
{
    private PolymorphicVariant()
    {
    }

    /// <summary>Gets the concrete type.</summary>
    public abstract Type Type { get; }

    /// <summary>Gets the variant of the concrete type <typeparamref name="TDerived"/>.</summary>
    /// <typeparam name="TDerived">The concrete type.</typeparam>
    /// <returns>The variant; one instance per concrete type.</returns>
    public static PolymorphicVariant<TBase> Of<TDerived>()
        where TDerived : class, TBase => Variant<TDerived>.Instance;

    /// <summary>Reads the object under the reader (positioned on its <c>{</c>) as the concrete type.</summary>
    /// <param name="reader">The reader.</param>
    /// <param name="typeInfo">The metadata of the concrete type under <paramref name="options"/>.</param>
    /// <param name="options">The options.</param>
    /// <returns>The object.</returns>
    public abstract TBase? Read(ref Utf8JsonReader reader, JsonTypeInfo typeInfo, JsonSerializerOptions options);

    private sealed class Variant<TDerived> : PolymorphicVariant<TBase>
        where TDerived : class, TBase
    {
        public static readonly Variant<TDerived> Instance = new();

        public override Type Type => typeof(TDerived);

        public override TBase? Read(ref Utf8JsonReader reader, JsonTypeInfo typeInfo, JsonSerializerOptions options) =>
            ((JsonConverter<TDerived>)typeInfo.Converter).Read(ref reader, typeof(TDerived), options);
    }
}
