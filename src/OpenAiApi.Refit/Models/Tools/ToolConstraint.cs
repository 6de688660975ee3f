using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>
/// Which tool, if any, the model calls (<c>tool_choice</c>): a mode (<c>"auto"</c>, <c>"none"</c>, <c>"required"</c>) or a
/// specific tool (<c>{"type":"function","function":{"name":"x"}}</c>, <c>{"type":"file_search"}</c>, …).
/// </summary>
/// <remarks>
/// Exactly one of <see cref="Mode"/> (the string form) and <see cref="Type"/> (the object form) is set; the value is written back in the
/// form it was read. Modes and tool types this library does not know are kept as they are, with their extra fields.
/// </remarks>
[JsonConverter(typeof(ToolConstraintConverter))]
public sealed class ToolConstraint
{
    private ToolConstraint(string? mode, string? type, string? functionName)
    {
        Mode = mode;
        Type = type;
        FunctionName = functionName;
    }

    /// <summary>Gets a new <c>"auto"</c> choice: the model picks between answering and calling tools (the server's default).</summary>
    public static ToolConstraint Auto => new("auto", null, null);

    /// <summary>Gets a new <c>"none"</c> choice: the model calls no tool and answers with a message.</summary>
    public static ToolConstraint None => new("none", null, null);

    /// <summary>Gets a new <c>"required"</c> choice: the model must call one or more tools before answering.</summary>
    public static ToolConstraint Required => new("required", null, null);

    /// <summary>Gets the string form (<c>auto</c>, <c>none</c>, <c>required</c>, or a mode this library does not know), or
    /// <see langword="null"/> when this is a specific tool (see <see cref="Type"/>).</summary>
    public string? Mode { get; }

    /// <summary>Gets the type of the tool the model must call (<c>function</c>, <c>code_interpreter</c>, <c>file_search</c>, or a type
    /// this library does not know), or <see langword="null"/> when this is a mode (see <see cref="Mode"/>) or the object had no type.</summary>
    public string? Type { get; }

    /// <summary>Gets the name of the function the model must call when <see cref="Type"/> is <c>function</c>; otherwise <see langword="null"/>.</summary>
    public string? FunctionName { get; }

    /// <summary>Gets a value indicating whether this choice names a specific tool (the object form) rather than a mode.</summary>
    public bool IsSpecificTool => Mode is null;

    /// <summary>Gets or sets the fields this library does not model (of the object form; kept and written back by the converter).</summary>
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gets or sets the unmodelled fields of the <c>function</c> object, kept for round-tripping.</summary>
    internal IDictionary<string, JsonElement>? FunctionAdditionalProperties { get; set; }

    /// <summary>Creates a choice from a mode string, known or not.</summary>
    /// <param name="mode">The wire string, e.g. <c>auto</c>.</param>
    /// <returns>The choice.</returns>
    public static ToolConstraint FromMode(string mode)
    {
        ArgumentNullException.ThrowIfNull(mode);
        return new(mode, null, null);
    }

    /// <summary>Creates a choice that forces a call of the named function.</summary>
    /// <param name="name">The function name.</param>
    /// <returns>The choice.</returns>
    public static ToolConstraint ForFunction(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new(null, "function", name);
    }

    /// <summary>Creates a choice that forces the code interpreter tool.</summary>
    /// <returns>The choice.</returns>
    public static ToolConstraint ForCodeInterpreter() => new(null, "code_interpreter", null);

    /// <summary>Creates a choice that forces the file search tool.</summary>
    /// <returns>The choice.</returns>
    public static ToolConstraint ForFileSearch() => new(null, "file_search", null);

    /// <summary>Creates a choice that forces a tool of any type, including one this library does not know.</summary>
    /// <param name="type">The tool type.</param>
    /// <param name="functionName">The function name, for <c>function</c> tools; otherwise <see langword="null"/>.</param>
    /// <returns>The choice.</returns>
    public static ToolConstraint ForTool(string type, string? functionName = null)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(null, type, functionName);
    }

    /// <summary>Creates the object form as read from the wire, where <c>type</c> may be missing.</summary>
    /// <param name="type">The tool type, or <see langword="null"/>.</param>
    /// <param name="functionName">The function name, or <see langword="null"/>.</param>
    /// <returns>The choice.</returns>
    internal static ToolConstraint FromWireObject(string? type, string? functionName) => new(null, type, functionName);

    /// <inheritdoc />
    public override string ToString() => Mode ?? (FunctionName is null ? Type ?? string.Empty : $"{Type}:{FunctionName}");
}
