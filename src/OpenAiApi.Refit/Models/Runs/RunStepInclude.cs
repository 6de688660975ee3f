using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>An additional field to include in run steps (the <c>include[]</c> query parameter).</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(OpenEnumConverter<RunStepInclude>))]
public readonly record struct RunStepInclude(string Value) : IOpenEnum<RunStepInclude>, IFormattable
{
    /// <summary>The content of file search results (<c>step_details.tool_calls[*].file_search.results[*].content</c>).</summary>
    public static RunStepInclude FileSearchResultContent { get; } = new("step_details.tool_calls[*].file_search.results[*].content");

    /// <inheritdoc />
    public bool IsKnown => Value is "step_details.tool_calls[*].file_search.results[*].content";

    /// <inheritdoc />
    static RunStepInclude IOpenEnum<RunStepInclude>.FromValue(string value) => new(value);

    /// <summary>Converts a wire value.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator RunStepInclude(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value ?? string.Empty;

    /// <summary>Returns the wire value; lets Refit's source generator write the value as a plain <c>include[]</c> query value.</summary>
    /// <param name="format">Ignored.</param>
    /// <param name="formatProvider">Ignored.</param>
    /// <returns>The wire value.</returns>
    public string ToString(string? format, IFormatProvider? formatProvider) => Value ?? string.Empty;
}
