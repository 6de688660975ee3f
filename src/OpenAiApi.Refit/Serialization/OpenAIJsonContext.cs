using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The one source-generated JSON context of the library: snake_case names, nulls omitted on write, metadata accepted in any order.
/// Every type the wire carries is reachable from here; concrete types of <c>type</c>-discriminated models are listed explicitly
/// because the shared polymorphic converter resolves them by type. All attributes must stay on this one declaration: the generator
/// fails on [JsonSerializable] spread over several partial declarations (dotnet/runtime#99669).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(DeletionResult))]
[JsonSerializable(typeof(Assistant))]
[JsonSerializable(typeof(CursorPage<Assistant>))]
[JsonSerializable(typeof(AssistantCreationOptions))]
[JsonSerializable(typeof(AssistantModificationOptions))]
[JsonSerializable(typeof(CodeInterpreterToolDefinition))]
[JsonSerializable(typeof(FileSearchToolDefinition))]
[JsonSerializable(typeof(FunctionToolDefinition))]
[JsonSerializable(typeof(UnknownToolDefinition))]
[JsonSerializable(typeof(ToolConstraint))]
[JsonSerializable(typeof(AssistantResponseFormat))]
[JsonSerializable(typeof(ToolOutputsSubmissionOptions))]
[JsonSerializable(typeof(ToolConstraintConverter.WireObject), TypeInfoPropertyName = "ToolChoiceWireObject")]
[JsonSerializable(typeof(AssistantResponseFormatConverter.WireObject), TypeInfoPropertyName = "AssistantResponseFormatWireObject")]
[JsonSerializable(typeof(AssistantThread))]
[JsonSerializable(typeof(ThreadCreationOptions))]
[JsonSerializable(typeof(ThreadModificationOptions))]
[JsonSerializable(typeof(ThreadMessage))]
[JsonSerializable(typeof(CursorPage<ThreadMessage>))]
[JsonSerializable(typeof(MessageCreationOptions))]
[JsonSerializable(typeof(MessageModificationOptions))]
[JsonSerializable(typeof(MessageDelta))]
[JsonSerializable(typeof(MessageInputContent))]
[JsonSerializable(typeof(MessageInputContentPart))] // read and written by MessageInputContentConverter, so not reachable from MessageInputContent
[JsonSerializable(typeof(TextMessageContent))]
[JsonSerializable(typeof(ImageFileMessageContent))]
[JsonSerializable(typeof(ImageUrlMessageContent))]
[JsonSerializable(typeof(RefusalMessageContent))]
[JsonSerializable(typeof(UnknownMessageContent))]
[JsonSerializable(typeof(FileCitationTextAnnotation))]
[JsonSerializable(typeof(FilePathTextAnnotation))]
[JsonSerializable(typeof(UnknownTextAnnotation))]
[JsonSerializable(typeof(TextInputContentPart))]
[JsonSerializable(typeof(ImageFileInputContentPart))]
[JsonSerializable(typeof(ImageUrlInputContentPart))]
[JsonSerializable(typeof(UnknownInputContentPart))]
[JsonSerializable(typeof(TextMessageDeltaContent))]
[JsonSerializable(typeof(ImageFileMessageDeltaContent))]
[JsonSerializable(typeof(ImageUrlMessageDeltaContent))]
[JsonSerializable(typeof(RefusalMessageDeltaContent))]
[JsonSerializable(typeof(UnknownMessageDeltaContent))]
[JsonSerializable(typeof(FileCitationTextAnnotationDelta))]
[JsonSerializable(typeof(FilePathTextAnnotationDelta))]
[JsonSerializable(typeof(UnknownTextAnnotationDelta))]
[JsonSerializable(typeof(ThreadRun))]
[JsonSerializable(typeof(CursorPage<ThreadRun>))]
[JsonSerializable(typeof(RunCreationOptions))]
[JsonSerializable(typeof(RunModificationOptions))]
[JsonSerializable(typeof(ThreadAndRunCreationOptions))]
[JsonSerializable(typeof(RunStep))]
[JsonSerializable(typeof(CursorPage<RunStep>))]
[JsonSerializable(typeof(RunStepDelta))]
[JsonSerializable(typeof(MessageCreationStepDetails))]
[JsonSerializable(typeof(ToolCallsStepDetails))]
[JsonSerializable(typeof(UnknownRunStepDetails))]
[JsonSerializable(typeof(CodeInterpreterToolCall))]
[JsonSerializable(typeof(FileSearchToolCall))]
[JsonSerializable(typeof(FunctionToolCall))]
[JsonSerializable(typeof(UnknownRunStepToolCall))]
[JsonSerializable(typeof(CodeInterpreterLogsOutput))]
[JsonSerializable(typeof(CodeInterpreterImageOutput))]
[JsonSerializable(typeof(UnknownCodeInterpreterOutput))]
[JsonSerializable(typeof(MessageCreationStepDeltaDetails))]
[JsonSerializable(typeof(ToolCallsStepDeltaDetails))]
[JsonSerializable(typeof(UnknownRunStepDeltaDetails))]
[JsonSerializable(typeof(CodeInterpreterToolCallDelta))]
[JsonSerializable(typeof(FileSearchToolCallDelta))]
[JsonSerializable(typeof(FunctionToolCallDelta))]
[JsonSerializable(typeof(UnknownRunStepDeltaToolCall))]
[JsonSerializable(typeof(CodeInterpreterLogsOutputDelta))]
[JsonSerializable(typeof(CodeInterpreterImageOutputDelta))]
[JsonSerializable(typeof(UnknownCodeInterpreterOutputDelta))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;
