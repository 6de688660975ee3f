using System.Net;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class AssistantsTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateAssistant_AllFields_EchoesThemWithIdAndTimestamp()
    {
        var options = new AssistantCreationOptions("gpt-4o")
        {
            Name = "Weather bot",
            Description = "Knows the weather.",
            Instructions = "Answer in one sentence.",
            Tools =
            {
                new CodeInterpreterToolDefinition(),
                new FileSearchToolDefinition(new FileSearchToolOverrides { MaxNumResults = 5 }),
                new FunctionToolDefinition(new FunctionDefinition("get_weather", "Gets the weather.", JsonDocument.Parse("""{"type":"object"}""").RootElement)),
            },
            ToolResources = new ToolResources { CodeInterpreter = new CodeInterpreterToolResources { FileIds = ["file_1"] } },
            Metadata = new Dictionary<string, string> { ["team"] = "blue" },
            Temperature = 0.5,
            TopP = 0.9,
            ResponseFormat = AssistantResponseFormat.JsonObject,
        };

        Assistant created = await _harness.Assistants.CreateAssistantAsync(options);

        Assert.Multiple(() =>
        {
            Assert.That(created.Id, Does.Match("^asst_[A-Za-z0-9]{24}$"));
            Assert.That(created.Object, Is.EqualTo("assistant"));
            Assert.That(created.CreatedAt, Is.EqualTo(DateTimeOffset.UtcNow.ToUnixTimeSeconds()).Within(5));
            Assert.That(created.Model, Is.EqualTo("gpt-4o"));
            Assert.That(created.Name, Is.EqualTo("Weather bot"));
            Assert.That(created.Description, Is.EqualTo("Knows the weather."));
            Assert.That(created.Instructions, Is.EqualTo("Answer in one sentence."));
            Assert.That(created.Tools.Select(t => t.Type), Is.EqualTo(new[] { "code_interpreter", "file_search", "function" }));
            Assert.That(((FileSearchToolDefinition)created.Tools[1]).FileSearch?.MaxNumResults, Is.EqualTo(5));
            Assert.That(((FunctionToolDefinition)created.Tools[2]).Function.Name, Is.EqualTo("get_weather"));
            Assert.That(((FunctionToolDefinition)created.Tools[2]).Function.Description, Is.EqualTo("Gets the weather."));
            Assert.That(created.ToolResources?.CodeInterpreter?.FileIds, Is.EqualTo(new[] { "file_1" }));
            Assert.That(created.Metadata, Is.EqualTo(new Dictionary<string, string> { ["team"] = "blue" }));
            Assert.That(created.Temperature, Is.EqualTo(0.5));
            Assert.That(created.TopP, Is.EqualTo(0.9));
            Assert.That(created.ResponseFormat?.Type, Is.EqualTo("json_object"));
        });
    }

    [Test]
    public async Task CreateAssistant_ModelOnly_FillsTheDefaultsARealServerSends()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"gpt-4o-mini"}""");

        Assert.That(response.Status, Is.EqualTo(HttpStatusCode.OK));
        JsonElement body = response.Json;
        Assert.Multiple(() =>
        {
            Assert.That(body.GetProperty("name").ValueKind, Is.EqualTo(JsonValueKind.Null), "required nullable fields are written as null");
            Assert.That(body.GetProperty("description").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.GetProperty("instructions").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(body.GetProperty("tools").GetArrayLength(), Is.EqualTo(0));
            Assert.That(body.GetProperty("metadata").EnumerateObject().Count(), Is.EqualTo(0));
            Assert.That(body.GetProperty("temperature").GetDouble(), Is.EqualTo(1.0));
            Assert.That(body.GetProperty("top_p").GetDouble(), Is.EqualTo(1.0));
            Assert.That(body.GetProperty("response_format").GetString(), Is.EqualTo("auto"));
            Assert.That(response.Header("Content-Type"), Does.StartWith("application/json"));
        });
    }

    [Test]
    public async Task GetAssistant_AfterCreate_ReturnsTheSameAssistant()
    {
        Assistant created = await _harness.CreateAssistantAsync("lookup");

        Assistant fetched = await _harness.Assistants.GetAssistantAsync(created.Id);

        Assert.Multiple(() =>
        {
            Assert.That(fetched.Id, Is.EqualTo(created.Id));
            Assert.That(fetched.CreatedAt, Is.EqualTo(created.CreatedAt));
            Assert.That(fetched.Name, Is.EqualTo("Helper"));
            Assert.That(fetched.Instructions, Is.EqualTo("Be brief."));
            Assert.That(((FunctionToolDefinition)fetched.Tools.Single()).Function.Name, Is.EqualTo("lookup"));
        });
    }

    [Test]
    public async Task ModifyAssistant_SomeFields_ChangesOnlyThoseAndNullClears()
    {
        Assistant created = await _harness.CreateAssistantAsync("lookup");

        Assistant modified = await _harness.Assistants.ModifyAssistantAsync(created.Id, new AssistantModificationOptions
        {
            Name = "Renamed",
            Metadata = new Dictionary<string, string> { ["v"] = "2" },
            Tools = [],
        });
        RawResponse cleared = await _harness.SendAsync(HttpMethod.Post, $"assistants/{created.Id}", """{"description":null,"instructions":null}""");

        Assert.Multiple(() =>
        {
            Assert.That(modified.Name, Is.EqualTo("Renamed"));
            Assert.That(modified.Model, Is.EqualTo("gpt-4o-mini"), "unchanged");
            Assert.That(modified.Instructions, Is.EqualTo("Be brief."), "unchanged");
            Assert.That(modified.Metadata, Is.EqualTo(new Dictionary<string, string> { ["v"] = "2" }));
            Assert.That(modified.Tools, Is.Empty);
            Assert.That(cleared.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(cleared.Json.GetProperty("instructions").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(cleared.Json.GetProperty("name").GetString(), Is.EqualTo("Renamed"));
        });
    }

    [Test]
    public async Task DeleteAssistant_Existing_ReturnsDeletedAndThenNotFound()
    {
        Assistant created = await _harness.CreateAssistantAsync();

        DeletionResult deleted = await _harness.Assistants.DeleteAssistantAsync(created.Id);
        OpenAINotFoundException missing = await ThrowsAsync<OpenAINotFoundException>(() => _harness.Assistants.GetAssistantAsync(created.Id));

        Assert.Multiple(() =>
        {
            Assert.That(deleted.Id, Is.EqualTo(created.Id));
            Assert.That(deleted.Object, Is.EqualTo("assistant.deleted"));
            Assert.That(deleted.Deleted, Is.True);
            Assert.That(missing.ErrorMessage, Is.EqualTo($"No assistant found with id '{created.Id}'."));
            Assert.That(missing.ErrorType, Is.EqualTo("invalid_request_error"));
            Assert.That(missing.RequestId, Does.Match("^req_[0-9a-f]{32}$"));
        });
    }

    [Test]
    public async Task ListAssistants_Default_IsNewestFirstWithCursorFields()
    {
        Assistant first = await _harness.CreateAssistantAsync();
        Assistant second = await _harness.CreateAssistantAsync();
        Assistant third = await _harness.CreateAssistantAsync();

        CursorPage<Assistant> page = await _harness.Assistants.ListAssistantsAsync();

        Assert.Multiple(() =>
        {
            Assert.That(page.Object, Is.EqualTo("list"));
            Assert.That(page.Data.Select(a => a.Id), Is.EqualTo(new[] { third.Id, second.Id, first.Id }));
            Assert.That(page.FirstId, Is.EqualTo(third.Id));
            Assert.That(page.LastId, Is.EqualTo(first.Id));
            Assert.That(page.HasMore, Is.False);
        });
    }
}
