using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Tests.Infrastructure;
using static OpenAiApi.Refit.Tests.Infrastructure.StubServer;

namespace OpenAiApi.Refit.Tests.Operations;

/// <summary>The five assistant operations on the wire: request line, query, headers, body, and the typed result.</summary>
public sealed class AssistantsApiTests
{
    private StubServer _stub = null!;

    [OneTimeSetUp]
    public void StartServer() => _stub = StubServer.Start();

    [TearDown]
    public void ResetServer() => _stub.Reset();

    [OneTimeTearDown]
    public ValueTask StopServer() => _stub.DisposeAsync();

    [Test]
    public async Task ListAssistants_WithAllPagingOptions_SendsQueryAndReadsPage()
    {
        _stub.Given("GET", "/v1/assistants", Payloads.AssistantList);

        CursorPage<Assistant> page = await _stub.Assistants.ListAssistantsAsync(
            new AssistantCollectionOptions { Limit = 20, Order = ListOrder.Ascending, After = "asst_prev", Before = "asst_next" });

        AssertRequest(_stub.SingleRequest, "GET", "/v1/assistants");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EquivalentTo(new[] { ("limit", "20"), ("order", "asc"), ("after", "asst_prev"), ("before", "asst_next") }));
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty, "a GET carries no body");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(page.FirstId, Is.EqualTo("asst_abc123"));
            Assert.That(page.LastId, Is.EqualTo("asst_def456"));
            Assert.That(page.HasMore, Is.True);
            Assert.That(page.Data, Has.Count.EqualTo(2));
            Expected.NoExtras(page.AdditionalProperties, "page");
        }

        Expected.Assistant(page.Data[0]);
        Expected.AssistantMinimal(page.Data[1]);
    }

    [Test]
    public async Task ListAssistants_WithoutOptions_SendsNoQuery()
    {
        _stub.Given("GET", "/v1/assistants", """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}""");

        CursorPage<Assistant> page = await _stub.Assistants.ListAssistantsAsync();

        AssertRequest(_stub.SingleRequest, "GET", "/v1/assistants");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(page.Data, Is.Empty);
            Assert.That(page.FirstId, Is.Null);
            Assert.That(page.LastId, Is.Null);
            Assert.That(page.HasMore, Is.False);
        }
    }

    [Test]
    public async Task ListAssistants_WithOnlyLimitAndOrder_SendsOnlyThose()
    {
        _stub.Given("GET", "/v1/assistants", """{"object":"list","data":[],"first_id":null,"last_id":null,"has_more":false}""");

        await _stub.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 100, Order = ListOrder.Descending });

        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.EqualTo(new[] { ("limit", "100"), ("order", "desc") }));
    }

    [Test]
    public async Task CreateAssistant_WithEveryField_SendsBodyAndReadsAssistant()
    {
        _stub.Given("POST", "/v1/assistants", Payloads.Assistant);
        var options = new AssistantCreationOptions("gpt-4o")
        {
            Name = "Math Tutor",
            Description = "Answers maths questions step by step.",
            Instructions = "You are a personal math tutor.",
            Tools =
            [
                new CodeInterpreterToolDefinition(),
                new FileSearchToolDefinition(new FileSearchToolOverrides
                {
                    MaxNumResults = 8,
                    RankingOptions = new FileSearchRankingOptions { Ranker = "default_2024_08_21", ScoreThreshold = 0.55 },
                }),
                new FunctionToolDefinition(new FunctionDefinition(
                    "get_weather",
                    "Gets the current weather for a city.",
                    Wire.Parse("""{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}"""))
                {
                    Strict = true,
                }),
            ],
            ToolResources = new ToolResources
            {
                CodeInterpreter = new CodeInterpreterToolResources { FileIds = ["file-ci1", "file-ci2"] },
                FileSearch = new FileSearchToolResources
                {
                    VectorStores =
                    [
                        new VectorStoreCreationHelper
                        {
                            FileIds = ["file-doc1", "file-doc2"],
                            ChunkingStrategy = Wire.Parse("""{"type":"static","static":{"max_chunk_size_tokens":800,"chunk_overlap_tokens":400}}"""),
                            Metadata = new Dictionary<string, string> { ["store"] = "notes" },
                        },
                    ],
                },
            },
            Metadata = new Dictionary<string, string> { ["team"] = "edu", ["tier"] = "gold" },
            Temperature = 0.7,
            TopP = 0.9,
            ResponseFormat = AssistantResponseFormat.CreateJsonSchema(
                "answer", Wire.Parse("""{"type":"object","properties":{"value":{"type":"number"}}}"""), "The final answer.", strict: true),
            ReasoningEffort = "low",
        };

        Assistant assistant = await _stub.Assistants.CreateAssistantAsync(options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/assistants");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(HeaderOf(_stub.SingleRequest, "Content-Type"), Does.StartWith("application/json"));
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "model", "name", "description", "instructions", "tools", "tool_resources", "metadata", "temperature", "top_p", "response_format", "reasoning_effort");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-4o"));
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Math Tutor"));
            Assert.That(body.GetProperty("description").GetString(), Is.EqualTo("Answers maths questions step by step."));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("You are a personal math tutor."));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(0.7));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(0.9));
            Assert.That(body.GetProperty("reasoning_effort").GetString(), Is.EqualTo("low"));
            JsonElement metadata = body.GetProperty("metadata");
            Wire.AssertNames(metadata, "team", "tier");
            Assert.That(metadata.GetProperty("team").GetString(), Is.EqualTo("edu"));
            Assert.That(metadata.GetProperty("tier").GetString(), Is.EqualTo("gold"));
        }

        JsonElement tools = body.GetProperty("tools");
        Assert.That(tools.GetArrayLength(), Is.EqualTo(3));
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(tools[0], "type");
            Assert.That(tools[0].GetProperty("type").GetString(), Is.EqualTo("code_interpreter"));
            Wire.AssertNames(tools[1], "type", "file_search");
            Assert.That(tools[1].GetProperty("type").GetString(), Is.EqualTo("file_search"));
            JsonElement overrides = tools[1].GetProperty("file_search");
            Wire.AssertNames(overrides, "max_num_results", "ranking_options");
            Assert.That(overrides.GetProperty("max_num_results").GetInt32(), Is.EqualTo(8));
            Wire.AssertNames(overrides.GetProperty("ranking_options"), "ranker", "score_threshold");
            Assert.That(overrides.GetProperty("ranking_options").GetProperty("ranker").GetString(), Is.EqualTo("default_2024_08_21"));
            Assert.That(overrides.GetProperty("ranking_options").GetProperty("score_threshold").GetDouble(), Is.EqualTo(0.55));
            Wire.AssertNames(tools[2], "type", "function");
            Assert.That(tools[2].GetProperty("type").GetString(), Is.EqualTo("function"));
            JsonElement function = tools[2].GetProperty("function");
            Wire.AssertNames(function, "name", "description", "parameters", "strict");
            Assert.That(function.GetProperty("name").GetString(), Is.EqualTo("get_weather"));
            Assert.That(function.GetProperty("description").GetString(), Is.EqualTo("Gets the current weather for a city."));
            Wire.AssertJson(function.GetProperty("parameters"), """{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}""", "parameters");
            Assert.That(function.GetProperty("strict").GetBoolean(), Is.True);
        }

        JsonElement resources = body.GetProperty("tool_resources");
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(resources, "code_interpreter", "file_search");
            Assert.That(Wire.Strings(resources.GetProperty("code_interpreter").GetProperty("file_ids")), Is.EqualTo(new[] { "file-ci1", "file-ci2" }));
            JsonElement fileSearch = resources.GetProperty("file_search");
            Wire.AssertNames(fileSearch, "vector_stores");
            JsonElement store = fileSearch.GetProperty("vector_stores")[0];
            Assert.That(fileSearch.GetProperty("vector_stores").GetArrayLength(), Is.EqualTo(1));
            Wire.AssertNames(store, "file_ids", "chunking_strategy", "metadata");
            Assert.That(Wire.Strings(store.GetProperty("file_ids")), Is.EqualTo(new[] { "file-doc1", "file-doc2" }));
            Wire.AssertJson(store.GetProperty("chunking_strategy"), """{"type":"static","static":{"max_chunk_size_tokens":800,"chunk_overlap_tokens":400}}""", "chunking_strategy");
            Assert.That(store.GetProperty("metadata").GetProperty("store").GetString(), Is.EqualTo("notes"));
        }

        JsonElement format = body.GetProperty("response_format");
        using (Assert.EnterMultipleScope())
        {
            Wire.AssertNames(format, "type", "json_schema");
            Assert.That(format.GetProperty("type").GetString(), Is.EqualTo("json_schema"));
            JsonElement schema = format.GetProperty("json_schema");
            Wire.AssertNames(schema, "name", "description", "schema", "strict");
            Assert.That(schema.GetProperty("name").GetString(), Is.EqualTo("answer"));
            Assert.That(schema.GetProperty("description").GetString(), Is.EqualTo("The final answer."));
            Wire.AssertJson(schema.GetProperty("schema"), """{"type":"object","properties":{"value":{"type":"number"}}}""", "schema");
            Assert.That(schema.GetProperty("strict").GetBoolean(), Is.True);
        }

        Expected.Assistant(assistant);
    }

    [Test]
    public async Task CreateAssistant_WithOnlyModel_SendsNoUnsetField()
    {
        _stub.Given("POST", "/v1/assistants", Payloads.AssistantMinimal);

        Assistant assistant = await _stub.Assistants.CreateAssistantAsync(new AssistantCreationOptions("gpt-4o-mini"));

        AssertRequest(_stub.SingleRequest, "POST", "/v1/assistants");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Assert.That(body.GetProperty("model").GetString(), Is.EqualTo("gpt-4o-mini"));
        foreach (JsonProperty property in body.EnumerateObject().Where(p => p.Name != "model"))
        {
            // The only other field allowed is the spec's default for tools: an empty list. No nulls, no stream flag.
            Assert.That(property.Name, Is.EqualTo("tools"), $"unexpected field in {body}");
            Assert.That(property.Value.GetArrayLength(), Is.Zero);
        }

        Expected.AssistantMinimal(assistant);
    }

    [Test]
    public async Task CreateAssistant_WithAdditionalProperties_SendsThemAsTopLevelFields()
    {
        _stub.Given("POST", "/v1/assistants", Payloads.Assistant);
        var options = new AssistantCreationOptions("gpt-4o")
        {
            AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["x_vendor_route"] = Wire.Parse("\"eu-west\""),
                ["x_vendor_limits"] = Wire.Parse("""{"rpm":60,"burst":[1,2]}"""),
            },
        };

        await _stub.Assistants.CreateAssistantAsync(options);

        JsonElement body = BodyOf(_stub.SingleRequest);
        Assert.That(body.GetProperty("x_vendor_route").GetString(), Is.EqualTo("eu-west"));
        Wire.AssertJson(body.GetProperty("x_vendor_limits"), """{"rpm":60,"burst":[1,2]}""", "x_vendor_limits");
    }

    [Test]
    public async Task GetAssistant_WithId_SendsGetAndReadsEveryField()
    {
        _stub.Given("GET", "/v1/assistants/asst_abc123", Payloads.Assistant);

        Assistant assistant = await _stub.Assistants.GetAssistantAsync("asst_abc123");

        AssertRequest(_stub.SingleRequest, "GET", "/v1/assistants/asst_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.Assistant(assistant);
    }

    [Test]
    public async Task ModifyAssistant_WithSomeFields_SendsOnlyThoseFields()
    {
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);
        var options = new AssistantModificationOptions
        {
            Name = "Math Tutor",
            Instructions = "You are a personal math tutor.",
            Tools = [new CodeInterpreterToolDefinition()],
            ToolResources = new ToolResources { FileSearch = new FileSearchToolResources { VectorStoreIds = ["vs_abc"] } },
            Metadata = new Dictionary<string, string> { ["tier"] = "gold" },
            ResponseFormat = AssistantResponseFormat.Auto,
        };

        Assistant assistant = await _stub.Assistants.ModifyAssistantAsync("asst_abc123", options);

        AssertRequest(_stub.SingleRequest, "POST", "/v1/assistants/asst_abc123");
        JsonElement body = BodyOf(_stub.SingleRequest);
        Wire.AssertNames(body, "name", "instructions", "tools", "tool_resources", "metadata", "response_format");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(body.GetProperty("name").GetString(), Is.EqualTo("Math Tutor"));
            Assert.That(body.GetProperty("instructions").GetString(), Is.EqualTo("You are a personal math tutor."));
            Assert.That(body.GetProperty("tools").GetArrayLength(), Is.EqualTo(1));
            Assert.That(body.GetProperty("tools")[0].GetProperty("type").GetString(), Is.EqualTo("code_interpreter"));
            Wire.AssertNames(body.GetProperty("tool_resources"), "file_search");
            Assert.That(Wire.Strings(body.GetProperty("tool_resources").GetProperty("file_search").GetProperty("vector_store_ids")), Is.EqualTo(new[] { "vs_abc" }));
            Wire.AssertNames(body.GetProperty("metadata"), "tier");
            Assert.That(body.GetProperty("metadata").GetProperty("tier").GetString(), Is.EqualTo("gold"));
            Assert.That(body.GetProperty("response_format").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(body.GetProperty("response_format").GetString(), Is.EqualTo("auto"));
        }

        Expected.Assistant(assistant);
    }

    [Test]
    public async Task ModifyAssistant_WithEmptyOptions_SendsEmptyObject()
    {
        _stub.Given("POST", "/v1/assistants/asst_abc123", Payloads.Assistant);

        await _stub.Assistants.ModifyAssistantAsync("asst_abc123", new AssistantModificationOptions());

        AssertRequest(_stub.SingleRequest, "POST", "/v1/assistants/asst_abc123");
        Wire.AssertNames(BodyOf(_stub.SingleRequest));
    }

    [Test]
    public async Task DeleteAssistant_WithId_SendsDeleteAndReadsResult()
    {
        _stub.Given("DELETE", "/v1/assistants/asst_abc123", Payloads.AssistantDeleted);

        DeletionResult result = await _stub.Assistants.DeleteAssistantAsync("asst_abc123");

        AssertRequest(_stub.SingleRequest, "DELETE", "/v1/assistants/asst_abc123");
        Assert.That(Wire.QueryOf(_stub.SingleRequest), Is.Empty);
        Assert.That(_stub.SingleRequest.RequestMessage.Body, Is.Null.Or.Empty);
        Expected.Deletion(result, "asst_abc123", "assistant.deleted");
    }
}
