using System.Text.Json;
using System.Text.Json.Serialization;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Serialization;

/// <summary>
/// The one source-generated JSON context of the library: snake_case names, nulls omitted on write, metadata accepted in any order.
/// Every type the wire carries is reachable from here; concrete types of <c>type</c>-discriminated models are listed explicitly
/// (in the partial declarations beside this file, one per model area) because the shared polymorphic converter resolves them by type.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = false)]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(DeletionResult))]
internal sealed partial class OpenAIJsonContext : JsonSerializerContext;
