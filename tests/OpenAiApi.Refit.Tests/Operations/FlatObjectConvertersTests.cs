using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Serialization;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>
/// The hand-written value converters of <see cref="OpenAIJsonContext"/> (<c>FlatObjectConverters.cs</c>: message text, text delta,
/// function definition, file search overrides) must read and write exactly what System.Text.Json's own metadata-driven handling of
/// the same models does. The oracle is the reflection-based serializer with the context's naming and null settings; the property
/// guard fails when a model gains a property the converter does not know.
/// </summary>
public sealed class FlatObjectConvertersTests
{
    private static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private static IEnumerable<TestCaseData> PropertySets()
    {
        yield return new TestCaseData(typeof(MessageText), new[] { "value", "annotations" }).SetArgDisplayNames(nameof(MessageText));
        yield return new TestCaseData(typeof(MessageTextDelta), new[] { "value", "annotations" }).SetArgDisplayNames(nameof(MessageTextDelta));
        yield return new TestCaseData(typeof(FunctionDefinition), new[] { "name", "description", "parameters", "strict" }).SetArgDisplayNames(nameof(FunctionDefinition));
        yield return new TestCaseData(typeof(FileSearchToolOverrides), new[] { "max_num_results", "ranking_options" }).SetArgDisplayNames(nameof(FileSearchToolOverrides));
    }

    private static IEnumerable<TestCaseData> Documents()
    {
        yield return Case<MessageText>("text, empty annotations", """{"value":"Hello","annotations":[]}""");
        yield return Case<MessageText>("text with annotations and unknown fields", """
            {"value":"See 【4:0†source】","annotations":[{"type":"file_citation","text":"【4:0†source】","start_index":4,"end_index":16,
             "file_citation":{"file_id":"file-1"}},{"type":"future_annotation","x":1}],"tone":"warm","extra":{"a":[1,2]}}
            """);
        yield return Case<MessageText>("nulls and missing annotations", """{"value":null}""");
        yield return Case<MessageText>("null annotations, escaped names", """{"val\u0075e":"x","annotations":null}""");
        yield return Case<MessageTextDelta>("fragment only", """{"value":"tok "}""");
        yield return Case<MessageTextDelta>("fragment with annotations and unknown field", """
            {"value":"a","annotations":[{"index":0,"type":"file_path","text":"p","file_path":{"file_id":"file-2"}}],"z":true}
            """);
        yield return Case<MessageTextDelta>("empty object", "{}");
        yield return Case<FunctionDefinition>("every field", """
            {"name":"get_weather","description":"d","parameters":{"type":"object","properties":{"city":{"type":"string"}}},"strict":true,"x-extra":5}
            """);
        yield return Case<FunctionDefinition>("name only, nulls", """{"name":"f","description":null,"parameters":null,"strict":null}""");
        yield return Case<FileSearchToolOverrides>("every field", """
            {"max_num_results":20,"ranking_options":{"ranker":"auto","score_threshold":0.5,"new":1},"other":"kept"}
            """);
        yield return Case<FileSearchToolOverrides>("nulls", """{"max_num_results":null,"ranking_options":null}""");

        static TestCaseData Case<T>(string name, string json) => new TestCaseData(typeof(T), json).SetArgDisplayNames($"{typeof(T).Name}: {name}");
    }

    private static IEnumerable<TestCaseData> Malformed()
    {
        yield return new TestCaseData(typeof(MessageText), """{"value":1}""").SetArgDisplayNames("text value is a number");
        yield return new TestCaseData(typeof(MessageText), """{"annotations":{}}""").SetArgDisplayNames("annotations is an object");
        yield return new TestCaseData(typeof(MessageText), "[]").SetArgDisplayNames("text is an array");
        yield return new TestCaseData(typeof(MessageTextDelta), """{"value":true}""").SetArgDisplayNames("delta value is a boolean");
        yield return new TestCaseData(typeof(FunctionDefinition), """{"description":"no name"}""").SetArgDisplayNames("function without name");
        yield return new TestCaseData(typeof(FunctionDefinition), """{"name":"f","strict":"yes"}""").SetArgDisplayNames("strict is a string");
        yield return new TestCaseData(typeof(FileSearchToolOverrides), """{"max_num_results":"20"}""").SetArgDisplayNames("max_num_results is a string");
        yield return new TestCaseData(typeof(FileSearchToolOverrides), """{"max_num_results":2.5}""").SetArgDisplayNames("max_num_results is fractional");
    }

    [TestCaseSource(nameof(PropertySets))]
    public void Model_Properties_AreExactlyThoseTheConverterHandles(Type type, string[] handled)
    {
        string[] declared = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<JsonExtensionDataAttribute>() is null && p.GetCustomAttribute<JsonIgnoreAttribute>() is null)
            .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
            .ToArray();

        Assert.That(declared, Is.EquivalentTo(handled),
            $"{type.Name} changed: update its converter in Serialization/FlatObjectConverters.cs, then this list.");
    }

    [TestCaseSource(nameof(Documents))]
    public void Read_Document_EqualsTheReflectionSerializersReading(Type type, string json)
    {
        object? ours = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.GetTypeInfo(type)!);
        object? oracle = JsonSerializer.Deserialize(json, type, Reflection);

        Assert.That(ours, Is.Not.Null);
        JsonElement oursWritten = JsonSerializer.SerializeToElement(ours, type, Reflection);
        JsonElement oracleWritten = JsonSerializer.SerializeToElement(oracle, type, Reflection);
        Assert.That(JsonElement.DeepEquals(oursWritten, oracleWritten), Is.True, $"read differs: {oursWritten} vs {oracleWritten}");
    }

    [TestCaseSource(nameof(Documents))]
    public void Write_Model_EqualsTheReflectionSerializersWriting(Type type, string json)
    {
        object model = JsonSerializer.Deserialize(json, type, Reflection)!;

        JsonElement ours = JsonSerializer.SerializeToElement(model, OpenAIJsonContext.Default.GetTypeInfo(type)!);
        JsonElement oracle = JsonSerializer.SerializeToElement(model, type, Reflection);

        Assert.That(JsonElement.DeepEquals(ours, oracle), Is.True, $"written differs: {ours} vs {oracle}");
    }

    [TestCaseSource(nameof(Malformed))]
    public void Read_WrongShape_ThrowsJsonExceptionLikeTheReflectionSerializer(Type type, string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, type, Reflection), "oracle");
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.GetTypeInfo(type)!));
    }

    [Test]
    public void Read_TextPartInsideAMessage_KeepsTextAnnotationsAndUnknownFields()
    {
        const string json = """
            {"id":"msg_1","object":"thread.message","content":[{"type":"text","text":{"value":"Hi","annotations":[
             {"type":"file_path","text":"p","start_index":0,"end_index":1,"file_path":{"file_id":"file-9"}}],"mood":"calm"}}]}
            """;

        ThreadMessage message = JsonSerializer.Deserialize(json, OpenAIJsonContext.Default.ThreadMessage)!;

        var text = (TextMessageContent)message.Content[0];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(text.Text!.Value, Is.EqualTo("Hi"));
            Assert.That(text.Text.Annotations, Has.Count.EqualTo(1));
            Assert.That(text.Text.Annotations[0], Is.InstanceOf<FilePathTextAnnotation>());
            Assert.That(((FilePathTextAnnotation)text.Text.Annotations[0]).FilePath!.FileId, Is.EqualTo("file-9"));
            Assert.That(text.Text.AdditionalProperties!["mood"].GetString(), Is.EqualTo("calm"));
        }
    }
}
