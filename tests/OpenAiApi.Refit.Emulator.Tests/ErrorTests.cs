using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>Validation and error bodies. The client refuses to send most malformed requests, so those go through raw HTTP.</summary>
public sealed class ErrorTests
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync();

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task AnyRequest_NoKey_Is401WithTheOpenAIBody()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Get, "assistants", key: null);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(response.Error.GetProperty("message").GetString(), Does.StartWith("You didn't provide an API key."));
            Assert.That(response.Error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
            Assert.That(response.Error.TryGetProperty("param", out var param) && param.ValueKind == System.Text.Json.JsonValueKind.Null, Is.True);
            Assert.That(response.Error.TryGetProperty("code", out var code) && code.ValueKind == System.Text.Json.JsonValueKind.Null, Is.True);
            Assert.That(response.Header("x-request-id"), Does.Match("^req_[0-9a-f]{32}$"));
        });
    }

    [Test]
    public async Task Client_WrongKey_ThrowsAuthenticationException()
    {
        var services = new ServiceCollection();
        services.AddOpenAIAssistants(o =>
        {
            o.BaseAddress = _harness.Emulator.BaseAddress;
            o.ApiKey = "sk-wrong-key-123456";
        });
        await using ServiceProvider provider = services.BuildServiceProvider();
        IAssistantsApi api = provider.GetRequiredService<IAssistantsApi>();

        OpenAIAuthenticationException error = await ThrowsAsync<OpenAIAuthenticationException>(() => api.ListAssistantsAsync());

        Assert.Multiple(() =>
        {
            Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(error.ErrorCode, Is.EqualTo("invalid_api_key"));
            Assert.That(error.ErrorMessage, Does.Not.Contain("sk-wrong-key-123456"), "the key is masked");
            Assert.That(error.RequestId, Does.StartWith("req_"));
        });
    }

    [Test]
    public async Task WrongKey_IsLoggedMaskedNeverWhole()
    {
        var logs = new FakeLogCollector();
        await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions
        {
            ConfigureLogging = logging => logging.AddProvider(new FakeLoggerProvider(logs)),
        });
        using var client = new HttpClient { BaseAddress = emulator.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "sk-wrong-key-123456");

        using HttpResponseMessage response = await client.GetAsync(new Uri("assistants", UriKind.Relative));

        string[] messages = [.. logs.GetSnapshot().Select(r => r.Message)];
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(messages, Has.One.EqualTo("Refused an incorrect API key (sk-****3456); answered 401."));
            Assert.That(messages, Has.None.Contains("wrong-key"), "the key is masked");
        });
    }

    [Test]
    public async Task AzureStyleApiKeyHeader_IsAccepted()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "assistants");
        request.Headers.Add("api-key", _harness.Emulator.ApiKey);

        using HttpResponseMessage response = await _harness.Raw.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task CreateAssistant_InvalidJson_IsBadRequest()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model": "gpt-4o",""");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("message").GetString(), Does.StartWith("We could not parse the JSON body of your request."));
            Assert.That(response.Header("x-request-id"), Does.StartWith("req_"));
        });
    }

    [TestCase("""{}""", "model", "missing_required_parameter", "Missing required parameter: 'model'.")]
    [TestCase("""{"model":42}""", "model", "invalid_type", "Invalid type for 'model': expected a string, but got an integer instead.")]
    [TestCase("""{"model":"m","temperature":3}""", "temperature", "decimal_above_max_value", "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead.")]
    [TestCase("""{"model":"m","top_p":-0.5}""", "top_p", "decimal_below_min_value", null)]
    [TestCase("""{"model":"m","metadata":"x"}""", "metadata", "invalid_type", null)]
    [TestCase("""{"model":"m","metadata":{"k":1}}""", "metadata.k", "invalid_type", null)]
    [TestCase("""{"model":"m","tools":[{"type":"browser"}]}""", "tools[0].type", "invalid_value", "Invalid value: 'browser'. Supported values are: 'code_interpreter', 'file_search', and 'function'.")]
    [TestCase("""{"model":"m","tools":[{"type":"function"}]}""", "tools[0].function", "missing_required_parameter", null)]
    [TestCase("""{"model":"m","tools":[{"type":"function","function":{"name":"has space"}}]}""", "tools[0].function.name", "invalid_value", null)]
    [TestCase("""{"model":"m","tools":[{"type":"file_search","file_search":{"max_num_results":51}}]}""", "tools[0].file_search.max_num_results", "integer_above_max_value", null)]
    [TestCase("""{"model":"m","response_format":"yaml"}""", "response_format", "invalid_value", null)]
    [TestCase("""{"model":"m","response_format":{"type":"json_schema"}}""", "response_format.json_schema", "missing_required_parameter", null)]
    [TestCase("""{"model":"m","tool_resources":{"code_interpreter":{"file_ids":"f"}}}""", "tool_resources.code_interpreter.file_ids", "invalid_type", null)]
    public async Task CreateAssistant_BadBody_IsBadRequestNamingTheParameter(string json, string param, string code, string? message)
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", json);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo(code));
            if (message is not null)
            {
                Assert.That(response.Error.GetProperty("message").GetString(), Is.EqualTo(message));
            }
        });
    }

    [Test]
    public async Task CreateAssistant_NameTooLong_IsBadRequest()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", $$"""{"model":"m","name":"{{new string('n', 257)}}"}""");

        Assert.That(response.Error.GetProperty("message").GetString(),
            Is.EqualTo("Invalid 'name': string too long. Expected a string with maximum length 256, but got a string with length 257 instead."));
    }

    [Test]
    public async Task CreateAssistant_Metadata17Pairs_IsBadRequest()
    {
        string pairs = string.Join(",", Enumerable.Range(0, 17).Select(i => $"\"k{i}\":\"v\""));

        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m","metadata":{""" + pairs + "}}");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo("object_above_max_properties"));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo("metadata"));
        });
    }

    [Test]
    public async Task CreateAssistant_UnknownFields_AreRejectedLikeTheRealService()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m","future_field":{"x":1},"another":[1,2]}""");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("message").GetString(), Is.EqualTo("Unrecognized request argument supplied: future_field"));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo("future_field"));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo("unknown_parameter"));
        });
    }

    [Test]
    public async Task CreateAssistant_BodyOver1MB_IsBadRequest()
    {
        string big = $$"""{"model":"m","instructions":"{{new string('x', 1_100_000)}}"}""";

        RawResponse raw = await _harness.SendAsync(HttpMethod.Post, "assistants", big);
        OpenAIBadRequestException viaClient = await ThrowsAsync<OpenAIBadRequestException>(() =>
            _harness.Assistants.CreateAssistantAsync(new AssistantCreationOptions("m") { Description = new string('y', 1_100_000) }));

        Assert.Multiple(() =>
        {
            Assert.That(raw.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(raw.Error.GetProperty("code").GetString(), Is.EqualTo("request_too_large"));
            Assert.That(viaClient.ErrorCode, Is.EqualTo("request_too_large"));
        });
    }

    [Test]
    public async Task CreateAssistant_BodyNotAnObject_IsBadRequest()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Post, "assistants", "[1,2]");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo("invalid_type"));
        });
    }

    [TestCase("""{"role":"system","content":"x"}""", "role", "invalid_value")]
    [TestCase("""{"role":"user"}""", "content", "missing_required_parameter")]
    [TestCase("""{"role":"user","content":[]}""", "content", "empty_array")]
    [TestCase("""{"role":"user","content":42}""", "content", "invalid_type")]
    [TestCase("""{"role":"user","content":[{"type":"audio"}]}""", "content[0].type", "invalid_value")]
    [TestCase("""{"role":"user","content":[{"type":"image_url"}]}""", "content[0].image_url", "missing_required_parameter")]
    [TestCase("""{"role":"user","content":"x","attachments":[{"tools":[]}]}""", "attachments[0].file_id", "missing_required_parameter")]
    public async Task CreateMessage_BadBody_IsBadRequestNamingTheParameter(string json, string param, string code)
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Post, $"threads/{thread.Id}/messages", json);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo(code));
        });
    }

    [TestCase("""{}""", "assistant_id", "missing_required_parameter")]
    [TestCase("""{"assistant_id":"a b"}""", "assistant_id", "invalid_value")]
    [TestCase("""{"assistant_id":"asst_1","stream":"yes"}""", "stream", "invalid_type")]
    [TestCase("""{"assistant_id":"asst_1","max_prompt_tokens":0}""", "max_prompt_tokens", "integer_below_min_value")]
    [TestCase("""{"assistant_id":"asst_1","truncation_strategy":{"type":"middle"}}""", "truncation_strategy.type", "invalid_value")]
    [TestCase("""{"assistant_id":"asst_1","tool_choice":"always"}""", "tool_choice", "invalid_value")]
    [TestCase("""{"assistant_id":"asst_1","tool_choice":{"type":"function"}}""", "tool_choice.function", "missing_required_parameter")]
    [TestCase("""{"assistant_id":"asst_1","additional_messages":[{"role":"user"}]}""", "additional_messages[0].content", "missing_required_parameter")]
    public async Task CreateRun_BadBody_IsBadRequestNamingTheParameter(string json, string param, string code)
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Post, $"threads/{thread.Id}/runs", json);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo(code));
        });
    }

    [TestCase("""{}""", "tool_outputs", "missing_required_parameter")]
    [TestCase("""{"tool_outputs":[{"output":"x"}]}""", "tool_outputs[0].tool_call_id", "missing_required_parameter")]
    [TestCase("""{"tool_outputs":[{"tool_call_id":"c","output":5}]}""", "tool_outputs[0].output", "invalid_type")]
    public async Task SubmitToolOutputs_BadBody_IsBadRequest(string json, string param, string code)
    {
        AssistantThread thread = await _harness.CreateThreadAsync();

        RawResponse response = await _harness.SendAsync(HttpMethod.Post, $"threads/{thread.Id}/runs/run_1/submit_tool_outputs", json);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest), response.Text);
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo(code));
        });
    }

    [TestCase("assistants/asst.x", "assistant_id")]
    [TestCase("threads/thread%20x", "thread_id")]
    public async Task Get_MalformedPathId_IsBadRequest(string path, string param)
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Get, path);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(response.Error.GetProperty("param").GetString(), Is.EqualTo(param));
            Assert.That(response.Error.GetProperty("code").GetString(), Is.EqualTo("invalid_value"));
        });
    }

    [Test]
    public async Task UnknownRoute_Is404InvalidUrl()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Get, "vector_stores");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(response.Error.GetProperty("message").GetString(), Is.EqualTo("Invalid URL (GET /v1/vector_stores)"));
            Assert.That(response.Header("x-request-id"), Does.StartWith("req_"));
        });
    }

    [TestCase("GET", "vector_stores")]
    [TestCase("PUT", "assistants")]
    public async Task UnknownRouteOrMethod_NoKey_Is401BeforeTheInvalidUrl(string method, string path)
    {
        RawResponse response = await _harness.SendAsync(new HttpMethod(method), path, key: null);

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.Unauthorized), "the real service checks the key before the URL");
            Assert.That(response.Error.GetProperty("message").GetString(), Does.StartWith("You didn't provide an API key."));
            Assert.That(response.Header("x-request-id"), Does.Match("^req_[0-9a-f]{32}$"));
            Assert.That(response.Header("openai-version"), Is.EqualTo("2020-10-01"));
        });
    }

    [Test]
    public async Task WrongMethod_Is405WithAnErrorBody()
    {
        RawResponse response = await _harness.SendAsync(HttpMethod.Put, "assistants", "{}");

        Assert.Multiple(() =>
        {
            Assert.That(response.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
            Assert.That(response.Error.GetProperty("message").GetString(), Is.EqualTo("Invalid URL (PUT /v1/assistants)"));
        });
    }

    [Test]
    public async Task NotFound_EveryResource_UsesTheRealWording()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread thread = await _harness.CreateThreadAsync("x");
        ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new RunCreationOptions(assistant.Id));

        var errors = new[]
        {
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Assistants.GetAssistantAsync("asst_nope")),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Assistants.ModifyAssistantAsync("asst_nope", new AssistantModificationOptions { Name = "n" })),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Assistants.DeleteAssistantAsync("asst_nope")),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Threads.ModifyThreadAsync("thread_nope", new ThreadModificationOptions())),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Messages.CreateMessageAsync("thread_nope", MessageCreationOptions.User("x"))),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Messages.ModifyMessageAsync(thread.Id, "msg_nope", new MessageModificationOptions())),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.ListRunsAsync("thread_nope")),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.CancelRunAsync(thread.Id, "run_nope")),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.ModifyRunAsync(thread.Id, "run_nope", new RunModificationOptions())),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, "run_nope", new ToolOutputsSubmissionOptions([new ToolOutput("c", "o")]))),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.ListRunStepsAsync(thread.Id, "run_nope")),
            await ThrowsAsync<OpenAINotFoundException>(() => _harness.Runs.GetRunStepAsync(thread.Id, run.Id, "step_nope")),
        };

        Assert.That(errors.Select(e => e.ErrorMessage), Is.EqualTo(new[]
        {
            "No assistant found with id 'asst_nope'.",
            "No assistant found with id 'asst_nope'.",
            "No assistant found with id 'asst_nope'.",
            "No thread found with id 'thread_nope'.",
            "No thread found with id 'thread_nope'.",
            "No message found with id 'msg_nope'.",
            "No thread found with id 'thread_nope'.",
            "No run found with id 'run_nope'.",
            "No run found with id 'run_nope'.",
            "No run found with id 'run_nope'.",
            "No run found with id 'run_nope'.",
            "No run step found with id 'step_nope'.",
        }));
    }

    [Test]
    public async Task EmptyBodyOnARequiredBody_IsBadRequest()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "assistants") { Content = new StringContent(string.Empty, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _harness.Emulator.ApiKey);

        using HttpResponseMessage response = await _harness.Raw.SendAsync(request);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }
}
