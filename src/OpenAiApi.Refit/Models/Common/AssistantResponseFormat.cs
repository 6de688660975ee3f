using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Models;

/// <summary>
/// The format the model must output (<c>response_format</c>): <c>"auto"</c>, or an object of type <c>text</c>, <c>json_object</c>
/// (JSON mode) or <c>json_schema</c> (Structured Outputs).
/// </summary>
/// <remarks>The value is written back in the form it was read (a bare string or an object); a type this library does not know
/// keeps its <see cref="Type"/> and its extra fields.</remarks>
[JsonConverter(typeof(AssistantResponseFormatConverter))]
public sealed class AssistantResponseFormat
{
    internal AssistantResponseFormat(string type, bool isStringForm, ResponseFormatJsonSchema? jsonSchema)
    {
        Type = type;
        IsStringForm = isStringForm;
        JsonSchema = jsonSchema;
    }

    /// <summary>Gets a new <c>"auto"</c> format: the server's default.</summary>
    public static AssistantResponseFormat Auto => new("auto", true, null);

    /// <summary>Gets a new <c>{"type":"text"}</c> format: plain text.</summary>
    public static AssistantResponseFormat Text => new("text", false, null);

    /// <summary>Gets a new <c>{"type":"json_object"}</c> format: JSON mode (the instructions must also ask for JSON).</summary>
    public static AssistantResponseFormat JsonObject => new("json_object", false, null);

    /// <summary>Gets the type: <c>auto</c>, <c>text</c>, <c>json_object</c>, <c>json_schema</c>, or one this library does not know.</summary>
    public string Type { get; }

    /// <summary>Gets the schema when <see cref="Type"/> is <c>json_schema</c>; otherwise usually <see langword="null"/>.</summary>
    public ResponseFormatJsonSchema? JsonSchema { get; }

    /// <summary>Gets or sets the fields this library does not model (of the object form; kept and written back by the converter).</summary>
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    /// <summary>Gets a value indicating whether the wire form is a bare string (<c>"auto"</c>) rather than an object.</summary>
    internal bool IsStringForm { get; }

    /// <summary>Creates a <c>json_schema</c> format (Structured Outputs).</summary>
    /// <param name="name">The name of the format.</param>
    /// <param name="schema">The JSON Schema object the output must match.</param>
    /// <param name="description">What the format is for, or <see langword="null"/>.</param>
    /// <param name="strict">Whether the model must follow the schema exactly, or <see langword="null"/> for the server's default.</param>
    /// <returns>The format.</returns>
    public static AssistantResponseFormat CreateJsonSchema(string name, JsonElement schema, string? description = null, bool? strict = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new("json_schema", false, new ResponseFormatJsonSchema
        {
            Name = name,
            Description = description,
            Schema = schema,
            Strict = strict,
        });
    }

    /// <summary>Creates a <c>json_schema</c> format from a schema object.</summary>
    /// <param name="jsonSchema">The schema.</param>
    /// <returns>The format.</returns>
    public static AssistantResponseFormat CreateJsonSchema(ResponseFormatJsonSchema jsonSchema)
    {
        ArgumentNullException.ThrowIfNull(jsonSchema);
        return new("json_schema", false, jsonSchema);
    }

    /// <summary>Creates an object-form format of any type, including one this library does not know.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The format.</returns>
    public static AssistantResponseFormat FromType(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return new(type, false, null);
    }

    /// <inheritdoc />
    public override string ToString() => Type;
}
