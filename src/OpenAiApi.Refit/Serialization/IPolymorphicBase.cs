namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// A model type whose concrete shape is chosen by its <c>type</c> property. Implemented by the abstract bases (tools,
/// tool calls, message content, annotations, step details, deltas); resolved by the library's shared polymorphic converter.
/// </summary>
/// <typeparam name="TBase">The abstract base type.</typeparam>
internal interface IPolymorphicBase<TBase>
    where TBase : class, IPolymorphicBase<TBase>
{
    /// <summary>Gets the value of the <c>type</c> property on the wire.</summary>
    string Type { get; }

    /// <summary>Maps a wire <c>type</c> to the concrete model type (<see cref="PolymorphicVariant{TBase}.Of{TDerived}"/>), or
    /// <see langword="null"/> when this library does not know it.</summary>
    /// <param name="type">The wire discriminator.</param>
    /// <returns>The concrete type, or <see langword="null"/>.</returns>
    static abstract PolymorphicVariant<TBase>? GetDerivedType(string type);
}
