using System.Text.Json;
using System.Text.Json.Serialization;

namespace OpenAiApi.Refit.Benchmarks.Baseline;

// The hand-written client's models: every field of the wire objects the scenarios read, plain strings for enumerations,
// System.Text.Json's own polymorphism for the type-discriminated unions, source-generated metadata.

internal sealed class BRun
{
    public string Id { get; set; } = "";
    public string? Object { get; set; }
    public long CreatedAt { get; set; }
    public string? AssistantId { get; set; }
    public string? ThreadId { get; set; }
    public string? Status { get; set; }
    public long? StartedAt { get; set; }
    public long? ExpiresAt { get; set; }
    public long? CancelledAt { get; set; }
    public long? FailedAt { get; set; }
    public long? CompletedAt { get; set; }
    public BRequiredAction? RequiredAction { get; set; }
    public BError? LastError { get; set; }
    public string? Model { get; set; }
    public string? Instructions { get; set; }
    public List<BTool> Tools { get; set; } = [];
    public Dictionary<string, string>? Metadata { get; set; }
    public BIncompleteDetails? IncompleteDetails { get; set; }
    public BUsage? Usage { get; set; }
    public double? Temperature { get; set; }
    public double? TopP { get; set; }
    public int? MaxPromptTokens { get; set; }
    public int? MaxCompletionTokens { get; set; }
    public BTruncationStrategy? TruncationStrategy { get; set; }
    public BStringOrObject? ResponseFormat { get; set; }
    public BStringOrObject? ToolChoice { get; set; }
    public bool? ParallelToolCalls { get; set; }
}

internal sealed class BRequiredAction
{
    public string? Type { get; set; }
    public JsonElement SubmitToolOutputs { get; set; }
}

internal sealed class BError
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}

internal sealed class BIncompleteDetails
{
    public string? Reason { get; set; }
}

internal sealed class BUsage
{
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public int TotalTokens { get; set; }
}

internal sealed class BTruncationStrategy
{
    public string? Type { get; set; }
    public int? LastMessages { get; set; }
}

/// <summary>A union of a string (<c>"auto"</c>) and an object, as <c>response_format</c> and <c>tool_choice</c> are.</summary>
[JsonConverter(typeof(BStringOrObjectConverter))]
internal sealed class BStringOrObject
{
    public string? Value { get; init; }
    public JsonElement? Object { get; init; }
}

internal sealed class BStringOrObjectConverter : JsonConverter<BStringOrObject>
{
    public override BStringOrObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => new BStringOrObject { Value = reader.GetString() },
            JsonTokenType.Null => null,
            _ => new BStringOrObject { Object = JsonElement.ParseValue(ref reader) },
        };

    public override void Write(Utf8JsonWriter writer, BStringOrObject value, JsonSerializerOptions options)
    {
        if (value.Object is { } obj)
        {
            obj.WriteTo(writer);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(BCodeInterpreterTool), "code_interpreter")]
[JsonDerivedType(typeof(BFileSearchTool), "file_search")]
[JsonDerivedType(typeof(BFunctionTool), "function")]
internal class BTool;

internal sealed class BCodeInterpreterTool : BTool;

internal sealed class BFileSearchTool : BTool
{
    public BFileSearch? FileSearch { get; set; }
}

internal sealed class BFileSearch
{
    public int? MaxNumResults { get; set; }
    public BRankingOptions? RankingOptions { get; set; }
}

internal sealed class BRankingOptions
{
    public string? Ranker { get; set; }
    public double ScoreThreshold { get; set; }
}

internal sealed class BFunctionTool : BTool
{
    public BFunction? Function { get; set; }
}

internal sealed class BFunction
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public JsonElement? Parameters { get; set; }
    public bool? Strict { get; set; }
}

internal sealed class BMessage
{
    public string Id { get; set; } = "";
    public string? Object { get; set; }
    public long CreatedAt { get; set; }
    public string? AssistantId { get; set; }
    public string? ThreadId { get; set; }
    public string? RunId { get; set; }
    public string? Role { get; set; }
    public string? Status { get; set; }
    public BIncompleteDetails? IncompleteDetails { get; set; }
    public long? CompletedAt { get; set; }
    public long? IncompleteAt { get; set; }
    public List<BContent> Content { get; set; } = [];
    public List<BAttachment>? Attachments { get; set; }
    public Dictionary<string, string>? Metadata { get; set; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type", IgnoreUnrecognizedTypeDiscriminators = true)]
[JsonDerivedType(typeof(BTextContent), "text")]
[JsonDerivedType(typeof(BImageFileContent), "image_file")]
internal class BContent;

internal sealed class BTextContent : BContent
{
    public BText? Text { get; set; }
}

internal sealed class BImageFileContent : BContent
{
    public JsonElement ImageFile { get; set; }
}

internal sealed class BText
{
    public string? Value { get; set; }
    public List<JsonElement>? Annotations { get; set; }
}

internal sealed class BAttachment
{
    public string? FileId { get; set; }
    public List<JsonElement>? Tools { get; set; }
}

internal sealed class BPage<T>
{
    public string? Object { get; set; }
    public List<T> Data { get; set; } = [];
    public string? FirstId { get; set; }
    public string? LastId { get; set; }
    public bool HasMore { get; set; }
}

internal sealed class BCreateMessage
{
    public string Role { get; set; } = "user";
    public string Content { get; set; } = "";
    public Dictionary<string, string>? Metadata { get; set; }
}

internal sealed class BCreateRun
{
    public string AssistantId { get; set; } = "";
    public bool Stream { get; set; }
}

internal sealed class BRunStep
{
    public string Id { get; set; } = "";
    public string? Object { get; set; }
    public long CreatedAt { get; set; }
    public string? RunId { get; set; }
    public string? AssistantId { get; set; }
    public string? ThreadId { get; set; }
    public string? Type { get; set; }
    public string? Status { get; set; }
    public long? CancelledAt { get; set; }
    public long? CompletedAt { get; set; }
    public long? ExpiresAt { get; set; }
    public long? FailedAt { get; set; }
    public BError? LastError { get; set; }
    public BStepDetails? StepDetails { get; set; }
    public BUsage? Usage { get; set; }
}

internal sealed class BStepDetails
{
    public string? Type { get; set; }
    public BMessageCreation? MessageCreation { get; set; }
    public List<JsonElement>? ToolCalls { get; set; }
}

internal sealed class BMessageCreation
{
    public string? MessageId { get; set; }
}

internal sealed class BMessageDelta
{
    public string Id { get; set; } = "";
    public string? Object { get; set; }
    public BMessageDeltaBody? Delta { get; set; }
}

internal sealed class BMessageDeltaBody
{
    public string? Role { get; set; }
    public List<BDeltaContent>? Content { get; set; }
}

internal sealed class BDeltaContent
{
    public int Index { get; set; }
    public string? Type { get; set; }
    public BText? Text { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BRun))]
[JsonSerializable(typeof(BMessage))]
[JsonSerializable(typeof(BPage<BMessage>))]
[JsonSerializable(typeof(BCreateMessage))]
[JsonSerializable(typeof(BCreateRun))]
[JsonSerializable(typeof(BRunStep))]
[JsonSerializable(typeof(BMessageDelta))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext;
