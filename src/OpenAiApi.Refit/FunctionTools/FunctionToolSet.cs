using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>The C# functions a run may call: each one an <see cref="AIFunction"/> (Microsoft.Extensions.AI), whose JSON Schema
/// is derived from the signature and its <see cref="System.ComponentModel.DescriptionAttribute"/>s, and whose JSON arguments are
/// bound to the parameters by <see cref="AIFunctionFactory"/>.</summary>
/// <remarks>
/// <para>Pass <see cref="ToToolDefinitions"/> to the assistant (or the run) so that the model knows the functions, then
/// <see cref="FunctionToolSet"/> to <c>RunToCompletionAsync</c>, which calls them when the run asks.</para>
/// <para>A parameter of type <see cref="CancellationToken"/> receives a token that is cancelled when the call times out or the
/// caller cancels; it is not part of the schema.</para>
/// <para>AOT: <see cref="AIFunctionFactory"/> needs no dynamic code, but binds arguments and serializes results through
/// <see cref="SerializerOptions"/>; in a trimmed or native AOT app pass options whose resolver (a source-generated
/// <c>JsonSerializerContext</c>) knows the parameter and return types.</para>
/// <para>Names must be unique, 1–64 characters of <c>a-z</c>, <c>A-Z</c>, <c>0-9</c>, <c>_</c> or <c>-</c>. Adding is not
/// thread-safe; reading (as the tool loop does) is.</para>
/// </remarks>
public sealed class FunctionToolSet : IReadOnlyCollection<AIFunction>
{
    /// <summary>The longest function name the API accepts.</summary>
    public const int MaxNameLength = 64;

    private readonly Dictionary<string, AIFunction> _functions = new(StringComparer.Ordinal);
    private readonly List<AIFunction> _ordered = [];

    /// <summary>Initializes a new instance of the <see cref="FunctionToolSet"/> class that binds arguments with
    /// <see cref="AIJsonUtilities.DefaultOptions"/>.</summary>
    public FunctionToolSet()
        : this(serializerOptions: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="FunctionToolSet"/> class.</summary>
    /// <param name="serializerOptions">The options used to derive schemas and bind arguments for the delegates and methods added
    /// here (pass source-generated options in a trimmed or native AOT app), or <see langword="null"/> for
    /// <see cref="AIJsonUtilities.DefaultOptions"/>.</param>
    public FunctionToolSet(JsonSerializerOptions? serializerOptions)
    {
        SerializerOptions = serializerOptions ?? AIJsonUtilities.DefaultOptions;
    }

    /// <summary>Gets the options used to derive schemas and bind arguments for the delegates and methods added here.</summary>
    public JsonSerializerOptions SerializerOptions { get; }

    /// <summary>Gets the number of functions.</summary>
    public int Count => _ordered.Count;

    /// <summary>Adds a delegate (a lambda, a local function, a method group) as a function tool.</summary>
    /// <param name="function">The delegate; its parameters become the JSON Schema of the tool, its result the tool output.</param>
    /// <param name="name">The name the model calls it by, or <see langword="null"/> for the method's name (give one for a lambda,
    /// whose compiler-generated name is meaningless).</param>
    /// <param name="description">What it does, or <see langword="null"/> for the method's <see cref="System.ComponentModel.DescriptionAttribute"/>.</param>
    /// <returns>This set, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already taken.</exception>
    public FunctionToolSet Add(Delegate function, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        return Add(AIFunctionFactory.Create(function, name, description, SerializerOptions));
    }

    /// <summary>Adds a method as a function tool.</summary>
    /// <param name="method">The method; its parameters become the JSON Schema of the tool, its result the tool output.</param>
    /// <param name="target">The instance to call an instance method on, or <see langword="null"/> for a static method.</param>
    /// <param name="name">The name the model calls it by, or <see langword="null"/> for the method's name.</param>
    /// <param name="description">What it does, or <see langword="null"/> for the method's <see cref="System.ComponentModel.DescriptionAttribute"/>.</param>
    /// <returns>This set, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already taken, or an instance method has no target.</exception>
    public FunctionToolSet Add(MethodInfo method, object? target, string? name = null, string? description = null)
    {
        ArgumentNullException.ThrowIfNull(method);
        if (!method.IsStatic && target is null)
        {
            throw new ArgumentException($"The instance method '{method.Name}' needs a target.", nameof(target));
        }

        return Add(AIFunctionFactory.Create(method, target, name, description, SerializerOptions));
    }

    /// <summary>Adds a function built elsewhere (by <see cref="AIFunctionFactory"/>, or a subclass of <see cref="AIFunction"/>).</summary>
    /// <param name="function">The function; its <see cref="AITool.Name"/>, <see cref="AITool.Description"/> and
    /// <see cref="AIFunctionDeclaration.JsonSchema"/> are what the model sees.</param>
    /// <returns>This set, for chaining.</returns>
    /// <exception cref="ArgumentException">The name is invalid or already taken.</exception>
    public FunctionToolSet Add(AIFunction function)
    {
        ArgumentNullException.ThrowIfNull(function);
        string name = function.Name;
        if (!IsValidName(name))
        {
            throw new ArgumentException(
                $"Invalid function name '{name}': expected 1 to {MaxNameLength} characters of a-z, A-Z, 0-9, '_' or '-' (pass a name for a lambda).",
                nameof(function));
        }

        if (!_functions.TryAdd(name, function))
        {
            throw new ArgumentException($"A function named '{name}' is already in the set.", nameof(function));
        }

        _ordered.Add(function);
        return this;
    }

    /// <summary>Finds a function by the name the model calls it by.</summary>
    /// <param name="name">The name.</param>
    /// <param name="function">The function, when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetFunction(string name, [NotNullWhen(true)] out AIFunction? function)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _functions.TryGetValue(name, out function);
    }

    /// <summary>Describes the functions as function tools, for <c>AssistantCreationOptions.Tools</c> or <c>RunCreationOptions.Tools</c>.</summary>
    /// <returns>One <see cref="FunctionToolDefinition"/> per function, in the order they were added, with the name, the description
    /// (omitted when empty) and the JSON Schema of the parameters.</returns>
    public IReadOnlyList<FunctionToolDefinition> ToToolDefinitions() =>
        [.. _ordered.Select(f => new FunctionToolDefinition(new FunctionDefinition(
            f.Name,
            string.IsNullOrEmpty(f.Description) ? null : f.Description,
            f.JsonSchema.ValueKind == JsonValueKind.Undefined ? null : f.JsonSchema.Clone())))];

    /// <inheritdoc />
    public IEnumerator<AIFunction> GetEnumerator() => _ordered.GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= MaxNameLength && name.AsSpan().IndexOfAnyExcept(NameChars) < 0;

    private static readonly System.Buffers.SearchValues<char> NameChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");
}
