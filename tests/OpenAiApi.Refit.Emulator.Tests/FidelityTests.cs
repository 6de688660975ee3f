using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// What the real service answered where the spec says less or otherwise: the fields it echoed with their defaults, token limits
/// below the spec's minimum that end a run incomplete, tool rounds and their steps, and the order of a real stream. Raw JSON, so
/// that a field's presence (also as <c>null</c>) is what is tested.
/// </summary>
public sealed class FidelityTests
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync();

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateAssistant_EchoesTheRealDefaults()
    {
        RawResponse plain = await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"gpt-4o-mini"}""");
        RawResponse tools = await _harness.SendAsync(HttpMethod.Post, "assistants", """
            {"model":"gpt-4o-mini","tools":[
              {"type":"code_interpreter"},
              {"type":"function","function":{"name":"lookup"}},
              {"type":"function","function":{"name":"strict_one","parameters":{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]},"strict":true}},
              {"type":"file_search"}]}
            """);
        RawResponse listed = await _harness.SendAsync(HttpMethod.Get, "assistants?order=asc");

        JsonElement t = tools.Json.GetProperty("tools");
        Assert.Multiple(() =>
        {
            Assert.That(plain.Json.GetProperty("reasoning_effort").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(plain.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("{}"));
            Assert.That(tools.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("""{"code_interpreter":{"file_ids":[]}}"""));
            Assert.That(t[1].GetProperty("function").GetProperty("parameters").GetRawText(), Is.EqualTo("""{"type":"object","properties":{}}"""));
            Assert.That(t[1].GetProperty("function").GetProperty("strict").GetBoolean(), Is.False);
            Assert.That(t[2].GetProperty("function").GetProperty("parameters").GetRawText(),
                Is.EqualTo("""{"type":"object","properties":{"q":{"type":"string"}},"required":["q"]}"""), "as sent");
            Assert.That(t[2].GetProperty("function").GetProperty("strict").GetBoolean(), Is.True);
            Assert.That(t[3].GetProperty("file_search").GetProperty("ranking_options").GetRawText(),
                Is.EqualTo("""{"ranker":"default_2024_08_21","score_threshold":0,"hybrid_search":null}"""));
            Assert.That(listed.Json.GetProperty("data")[1].GetProperty("tools").GetRawText(), Is.EqualTo(t.GetRawText()), "stored as answered");
        });
    }

    [Test]
    public async Task FileSearchRankingOptions_AsSent_AreKeptAndCompleted()
    {
        RawResponse created = await _harness.SendAsync(HttpMethod.Post, "assistants", """
            {"model":"m","tools":[{"type":"file_search","file_search":{"max_num_results":3,"ranking_options":{"ranker":"auto","score_threshold":0.25}}}]}
            """);

        Assert.That(created.Json.GetProperty("tools")[0].GetProperty("file_search").GetRawText(),
            Is.EqualTo("""{"max_num_results":3,"ranking_options":{"ranker":"auto","score_threshold":0.25,"hybrid_search":null}}"""));
    }

    [Test]
    public async Task Threads_ShowCodeInterpreterFileIdsWhenRead_AsGivenWhenCreatedOrModified_AndMessagesTheirImageDetail()
    {
        RawResponse thread = await _harness.SendAsync(HttpMethod.Post, "threads", """
            {"messages":[{"role":"user","content":[{"type":"text","text":"look"},
              {"type":"image_url","image_url":{"url":"https://example.com/a.png"}},
              {"type":"image_url","image_url":{"url":"https://example.com/b.png","detail":"low"}},
              {"type":"image_file","image_file":{"file_id":"file-abc"}}]}]}
            """);
        string id = thread.Json.GetProperty("id").GetString()!;
        RawResponse got = await _harness.SendAsync(HttpMethod.Get, $"threads/{id}");
        RawResponse messages = await _harness.SendAsync(HttpMethod.Get, $"threads/{id}/messages");
        JsonElement content = messages.Json.GetProperty("data")[0].GetProperty("content");
        string messageId = messages.Json.GetProperty("data")[0].GetProperty("id").GetString()!;
        RawResponse modified = await _harness.SendAsync(HttpMethod.Post, $"threads/{id}/messages/{messageId}", """{"metadata":{"k":"v"}}""");
        RawResponse threadModified = await _harness.SendAsync(HttpMethod.Post, $"threads/{id}", """{"metadata":{"k":"v"}}""");
        RawResponse withFiles = await _harness.SendAsync(HttpMethod.Post, "threads", """{"tool_resources":{"file_search":{"vector_store_ids":["vs_1"]}}}""");
        RawResponse withFilesRead = await _harness.SendAsync(HttpMethod.Get, $"threads/{withFiles.Json.GetProperty("id").GetString()}");

        Assert.Multiple(() =>
        {
            Assert.That(thread.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("{}"), "the create answer shows them as given");
            Assert.That(got.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("""{"code_interpreter":{"file_ids":[]}}"""), "a read adds the list");
            Assert.That(threadModified.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("{}"), "the modify answer shows them as stored");
            Assert.That(withFiles.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("""{"file_search":{"vector_store_ids":["vs_1"]}}"""));
            Assert.That(withFilesRead.Json.GetProperty("tool_resources").GetRawText(),
                Is.EqualTo("""{"code_interpreter":{"file_ids":[]},"file_search":{"vector_store_ids":["vs_1"]}}"""));
            Assert.That(content[1].GetProperty("image_url").GetProperty("detail").GetString(), Is.EqualTo("auto"));
            Assert.That(content[2].GetProperty("image_url").GetProperty("detail").GetString(), Is.EqualTo("low"));
            Assert.That(content[3].GetProperty("image_file").GetProperty("detail").GetString(), Is.EqualTo("auto"));
            Assert.That(modified.Json.GetProperty("file_ids").GetRawText(), Is.EqualTo("[]"), "the real modification answer carried v1's file_ids");
            Assert.That(modified.Json.GetProperty("metadata").GetProperty("k").GetString(), Is.EqualTo("v"));
        });
    }

    [Test]
    public async Task CompletedRun_HasTheRealFieldsAndUsageDetailsOnRunAndSteps()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"hello there"}]}""")).Json.GetProperty("id").GetString()!;
        RawResponse created = await _harness.SendAsync(HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistantId}}"}""");
        string runId = created.Json.GetProperty("id").GetString()!;
        RawResponse run = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
        RawResponse steps = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps");
        JsonElement step = steps.Json.GetProperty("data")[0];

        Assert.Multiple(() =>
        {
            Assert.That(created.Json.GetProperty("reasoning_effort").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(created.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("{}"));
            Assert.That(created.Json.GetProperty("incomplete_details").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(run.Json.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(run.Json.GetProperty("usage").GetRawText(), Is.EqualTo(
                """{"completion_tokens":5,"prompt_tokens":3,"total_tokens":8,"prompt_token_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}"""));
            Assert.That(step.GetProperty("type").GetString(), Is.EqualTo("message_creation"));
            Assert.That(step.GetProperty("expires_at").GetInt64(), Is.EqualTo(created.Json.GetProperty("expires_at").GetInt64()), "steps show the run's expiry");
            Assert.That(step.GetProperty("usage").GetProperty("prompt_token_details").GetProperty("cached_tokens").GetInt32(), Is.Zero);
            Assert.That(step.GetProperty("usage").GetProperty("completion_tokens_details").GetProperty("reasoning_tokens").GetInt32(), Is.Zero);
        });
    }

    [Test]
    public async Task StreamedRun_RunEventsShowCodeInterpreterFileIds_JsonAnswersShowTheRunAsStored_StepsHaveNoExpiredAtOrMetadata()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        using var request = new HttpRequestMessage(HttpMethod.Post, "threads/runs")
        {
            Content = new StringContent(
                $$$"""{"assistant_id":"{{{assistantId}}}","thread":{"messages":[{"role":"user","content":"stream me"}]},"tool_resources":{"file_search":{"vector_store_ids":["vs_given"]}},"stream":true}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _harness.Emulator.ApiKey);
        using HttpResponseMessage response = await _harness.Raw.SendAsync(request);
        List<SseItem<string>> events = await ReadEventsAsync(response);
        JsonElement[] runs = [.. events.Where(e => e.EventType.StartsWith("thread.run.", StringComparison.Ordinal) && !e.EventType.StartsWith("thread.run.step.", StringComparison.Ordinal))
            .Select(e => JsonDocument.Parse(e.Data).RootElement)];
        JsonElement created = JsonDocument.Parse(events[0].Data).RootElement;
        JsonElement[] stepEvents = [.. events.Where(e => e.EventType.StartsWith("thread.run.step.", StringComparison.Ordinal)).Select(e => JsonDocument.Parse(e.Data).RootElement)];
        string threadId = runs[0].GetProperty("thread_id").GetString()!;
        string runId = runs[0].GetProperty("id").GetString()!;
        RawResponse polled = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
        JsonElement step = (await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps")).Json.GetProperty("data")[0];

        Assert.Multiple(() =>
        {
            Assert.That(events[0].EventType, Is.EqualTo("thread.created"));
            Assert.That(created.GetProperty("tool_resources").GetRawText(), Is.EqualTo("""{"code_interpreter":{"file_ids":[]}}"""), "thread.created shows the list");
            Assert.That(runs.Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "queued", "queued", "in_progress", "completed" }));
            Assert.That(runs.Select(r => r.GetProperty("tool_resources").GetRawText()),
                Is.All.EqualTo("""{"code_interpreter":{"file_ids":[]},"file_search":{"vector_store_ids":["vs_given"]}}"""));
            Assert.That(polled.Json.GetProperty("tool_resources").GetRawText(), Is.EqualTo("""{"file_search":{"vector_store_ids":["vs_given"]}}"""),
                "a JSON answer shows the run's resources as stored");
            Assert.That(stepEvents, Has.Length.EqualTo(3));
            foreach (JsonElement s in stepEvents.Append(step))
            {
                Assert.That(s.TryGetProperty("expired_at", out _), Is.False, "the real steps never had expired_at");
                Assert.That(s.TryGetProperty("metadata", out _), Is.False, "the real steps never had metadata");
                Assert.That(s.GetProperty("expires_at").ValueKind, Is.EqualTo(JsonValueKind.Number));
                Assert.That(s.GetProperty("last_error").ValueKind, Is.EqualTo(JsonValueKind.Null));
            }
        });
    }

    [Test]
    public async Task CreateRun_MaxCompletionTokens16_IsAcceptedAndEndsIncompleteWithTheReplyCut()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string longText = string.Join(' ', Enumerable.Range(0, 40).Select(i => $"word{i}"));
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads", $$"""{"messages":[{"role":"user","content":"{{longText}}"}]}""")).Json.GetProperty("id").GetString()!;

        RawResponse created = await _harness.SendAsync(HttpMethod.Post, $"threads/{threadId}/runs",
            $$"""{"assistant_id":"{{assistantId}}","max_completion_tokens":16,"max_prompt_tokens":256}""");
        string runId = created.Json.GetProperty("id").GetString()!;
        RawResponse run = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
        JsonElement message = (await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/messages")).Json.GetProperty("data")[0];
        JsonElement step = (await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps")).Json.GetProperty("data")[0];

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), created.Text);
            Assert.That(created.Json.GetProperty("max_completion_tokens").GetInt32(), Is.EqualTo(16));
            Assert.That(run.Json.GetProperty("status").GetString(), Is.EqualTo("incomplete"));
            Assert.That(run.Json.GetProperty("incomplete_details").GetRawText(), Is.EqualTo("""{"reason":"max_completion_tokens"}"""));
            Assert.That(run.Json.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(run.Json.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(16));
            Assert.That(message.GetProperty("status").GetString(), Is.EqualTo("incomplete"));
            Assert.That(message.GetProperty("incomplete_details").GetRawText(), Is.EqualTo("""{"reason":"max_tokens"}"""));
            Assert.That(message.GetProperty("incomplete_at").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(message.GetProperty("content")[0].GetProperty("text").GetProperty("value").GetString(), Is.EqualTo(("Echo: " + longText)[..64]));
            Assert.That(step.GetProperty("status").GetString(), Is.EqualTo("completed"));
            Assert.That(step.GetProperty("usage").GetProperty("completion_tokens").GetInt32(), Is.EqualTo(16));
        });
    }

    [Test]
    public async Task CreateRun_PromptOverMaxPromptTokens_EndsIncompleteWithoutAStep()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads", $$"""{"messages":[{"role":"user","content":"{{new string('x', 400)}}"}]}""")).Json.GetProperty("id").GetString()!;

        string runId = (await _harness.SendAsync(HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistantId}}","max_prompt_tokens":50}"""))
            .Json.GetProperty("id").GetString()!;
        RawResponse run = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
        RawResponse steps = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps");
        RawResponse messages = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/messages");

        Assert.Multiple(() =>
        {
            Assert.That(run.Json.GetProperty("status").GetString(), Is.EqualTo("incomplete"));
            Assert.That(run.Json.GetProperty("incomplete_details").GetProperty("reason").GetString(), Is.EqualTo("max_prompt_tokens"));
            Assert.That(steps.Json.GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(messages.Json.GetProperty("data").GetArrayLength(), Is.EqualTo(1), "no reply");
        });
    }

    [Test]
    public async Task Run_TwoFunctionsNamedWithoutParallelCalls_TakesTwoToolRoundsThenAnswers()
    {
        Models.Assistant assistant = await _harness.CreateAssistantAsync("get_weather", "get_time");
        Models.AssistantThread thread = await _harness.CreateThreadAsync("use get_time and get_weather city=Oslo");
        Models.ThreadRun run = await _harness.Runs.CreateRunAsync(thread.Id, new Models.RunCreationOptions(assistant.Id) { ParallelToolCalls = false });

        Models.ThreadRun first = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        Models.RunToolCall firstCall = first.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();
        await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new Models.ToolOutputsSubmissionOptions([new Models.ToolOutput(firstCall.Id, "noon")]));
        Models.ThreadRun second = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        Models.RunToolCall secondCall = second.RequiredAction!.SubmitToolOutputs!.ToolCalls.Single();
        await _harness.Runs.SubmitToolOutputsToRunAsync(thread.Id, run.Id, new Models.ToolOutputsSubmissionOptions([new Models.ToolOutput(secondCall.Id, "rain")]));
        Models.ThreadRun done = await _harness.Runs.GetRunAsync(thread.Id, run.Id);
        JsonElement steps = (await _harness.SendAsync(HttpMethod.Get, $"threads/{thread.Id}/runs/{run.Id}/steps?order=asc")).Json.GetProperty("data");
        Models.ThreadMessage reply = (await _harness.Messages.ListMessagesAsync(thread.Id)).Data[0];

        Assert.Multiple(() =>
        {
            Assert.That(firstCall.Function?.Name, Is.EqualTo("get_time"), "in the order the message names them");
            Assert.That(secondCall.Function?.Name, Is.EqualTo("get_weather"));
            Assert.That(secondCall.Function?.Arguments, Is.EqualTo("""{"city":"Oslo"}"""));
            Assert.That(done.Status, Is.EqualTo(Models.RunStatus.Completed));
            Assert.That(reply.Text, Is.EqualTo("The tool get_time returned: noon\nThe tool get_weather returned: rain"));
            Assert.That(steps.EnumerateArray().Select(s => s.GetProperty("type").GetString()), Is.EqualTo(new[] { "tool_calls", "tool_calls", "message_creation" }));
            Assert.That(steps.EnumerateArray().Select(s => s.GetProperty("status").GetString()), Is.All.EqualTo("completed"));
            Assert.That(steps[0].GetProperty("step_details").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("output").GetString(), Is.EqualTo("noon"));
            Assert.That(steps[1].GetProperty("step_details").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("output").GetString(), Is.EqualTo("rain"));
            Assert.That(steps[0].GetProperty("usage").GetProperty("total_tokens").GetInt32(), Is.GreaterThan(0));
        });
    }

    [Test]
    public async Task StreamedRun_OverItsCompletionBudget_EndsWithMessageIncompleteStepCompletedRunIncomplete()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"a fairly long message that will not fit in a budget of four tokens"}]}"""))
            .Json.GetProperty("id").GetString()!;

        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{threadId}/runs")
        {
            Content = new StringContent($$"""{"assistant_id":"{{assistantId}}","max_completion_tokens":4,"stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _harness.Emulator.ApiKey);
        using HttpResponseMessage response = await _harness.Raw.SendAsync(request);
        List<SseItem<string>> events = await ReadEventsAsync(response);
        string[] names = [.. events.Select(e => e.EventType).Where(n => n != "thread.message.delta")];
        string streamed = string.Concat(events.Where(e => e.EventType == "thread.message.delta")
            .Select(e => JsonDocument.Parse(e.Data).RootElement.GetProperty("delta").GetProperty("content")[0].GetProperty("text").GetProperty("value").GetString()));

        Assert.Multiple(() =>
        {
            Assert.That(names, Is.EqualTo(new[]
            {
                "thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.run.step.created", "thread.run.step.in_progress",
                "thread.message.created", "thread.message.in_progress", "thread.message.incomplete", "thread.run.step.completed",
                "thread.run.incomplete", "done",
            }));
            Assert.That(streamed, Is.EqualTo("Echo: a fairly l"));
            Assert.That(JsonDocument.Parse(events[^2].Data).RootElement.GetProperty("incomplete_details").GetProperty("reason").GetString(),
                Is.EqualTo("max_completion_tokens"));
        });
    }

    [Test]
    public async Task RunFailedFault_EndsTheRunFailedWithLastErrorAndFailedAt_PolledAndStreamed()
    {
        string assistantId = (await _harness.SendAsync(HttpMethod.Post, "assistants", """{"model":"m"}""")).Json.GetProperty("id").GetString()!;
        string threadId = (await _harness.SendAsync(HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"hi"}]}""")).Json.GetProperty("id").GetString()!;

        RawResponse created = await _harness.SendAsync(HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistantId}}"}""", headers: [("x-emulator-fault", "run-failed;code=rate_limit_exceeded")]);
        string runId = created.Json.GetProperty("id").GetString()!;
        RawResponse run = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
        RawResponse steps = await _harness.SendAsync(HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps");

        using var request = new HttpRequestMessage(HttpMethod.Post, $"threads/{threadId}/runs")
        {
            Content = new StringContent($$"""{"assistant_id":"{{assistantId}}","stream":true}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _harness.Emulator.ApiKey);
        request.Headers.Add("x-emulator-fault", "run-failed;id=2");
        using HttpResponseMessage response = await _harness.Raw.SendAsync(request);
        List<SseItem<string>> events = await ReadEventsAsync(response);

        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.OK), "the fault strikes the run, not the request");
            Assert.That(run.Json.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(run.Json.GetProperty("failed_at").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(run.Json.GetProperty("last_error").GetProperty("code").GetString(), Is.EqualTo("rate_limit_exceeded"));
            Assert.That(run.Json.GetProperty("last_error").GetProperty("message").GetString(), Is.Not.Empty);
            Assert.That(run.Json.GetProperty("completed_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(steps.Json.GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(events.Select(e => e.EventType), Is.EqualTo(new[] { "thread.run.created", "thread.run.queued", "thread.run.in_progress", "thread.run.failed", "done" }));
            Assert.That(JsonDocument.Parse(events[3].Data).RootElement.GetProperty("last_error").GetProperty("code").GetString(), Is.EqualTo("server_error"));
        });
    }
}
