using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;

namespace OpenAiApi.Refit.Emulator.Tests;

/// <summary>
/// Hostile input to the emulator, through raw HTTP (the client refuses to send most of it): oversized bodies, deep nesting, invalid
/// UTF-8, unknown fields, wrong types and 10,000-character ids. Each gets a 400 with an OpenAI-style error body (message, type,
/// param, code) and a request id, never a 500, an empty answer or a hang; and the emulator answers normally afterwards.
/// </summary>
public sealed class HostileInputTests : EmulatorTestBase
{
    private static readonly string LongId = "id_" + new string('x', 9_997);

    private static IEnumerable<TestCaseData> Cases()
    {
        // Oversized bodies: with a Content-Length, sent chunked (no length to check up front), and far over the 1 MiB limit.
        yield return Case("body 1.1 MB", "POST", "assistants", Json($$"""{"model":"m","instructions":"{{new string('x', 1_100_000)}}"}"""), null, "request_too_large");
        yield return Case("body 1.1 MB chunked", "POST", "assistants", Json($$"""{"model":"m","instructions":"{{new string('x', 1_100_000)}}"}"""), null, "request_too_large", chunked: true);
        yield return Case("body 6 MB", "POST", $"threads/{{thread}}/messages", Json($$"""{"role":"user","content":"{{new string('x', 6_000_000)}}"}"""), null, "request_too_large");

        // Deep nesting: beyond the parser's depth limit, anywhere in the body.
        yield return Case("nesting 100 000 arrays", "POST", "assistants", Json(new string('[', 100_000) + new string(']', 100_000)));
        yield return Case("nesting 10 000 objects in metadata", "POST", "threads",
            Json("""{"metadata":""" + string.Concat(Enumerable.Repeat("""{"a":""", 10_000)) + "1" + new string('}', 10_001)));
        yield return Case("nesting 100 levels in a function schema", "POST", "assistants",
            Json("""{"model":"m","tools":[{"type":"function","function":{"name":"f","parameters":""" + string.Concat(Enumerable.Repeat("""{"p":""", 100)) + "1" + new string('}', 100) + "}}]}"));

        // Invalid UTF-8 in a string, in a key, and a lone surrogate escape.
        yield return Case("invalid UTF-8 in a value", "POST", "assistants", Bytes("{\"model\":\"m\",\"name\":\"", [0xFF, 0xFE, 0xC3], "\"}"));
        yield return Case("invalid UTF-8 in a key", "POST", "threads/{thread}/messages", Bytes("{\"role\":\"user\",\"content\":\"x\",\"", [0xC0, 0xAF], "\":1}"));
        yield return Case("truncated UTF-8 sequence", "POST", "threads", Bytes("{\"metadata\":{\"k\":\"", [0xE2, 0x82], "\"}}"));

        // Unknown fields, at the top and in nested request objects.
        yield return Case("unknown field on create assistant", "POST", "assistants", Json("""{"model":"m","future_field":{"x":1}}"""), "future_field", "unknown_parameter");
        yield return Case("v1 field file_ids on create assistant", "POST", "assistants", Json("""{"model":"m","file_ids":["file-1"]}"""), "file_ids", "unknown_parameter");
        yield return Case("unknown field on modify assistant", "POST", "assistants/asst_hostile", Json("""{"name":"n","colour":"red"}"""), "colour", "unknown_parameter");
        yield return Case("unknown field on create thread", "POST", "threads", Json("""{"metadata":{},"x":1}"""), "x", "unknown_parameter");
        yield return Case("unknown field in a thread's message", "POST", "threads", Json("""{"messages":[{"role":"user","content":"hi","extra":true}]}"""), "messages[0].extra", "unknown_parameter");
        yield return Case("unknown field on modify thread", "POST", $"threads/{{thread}}", Json("""{"title":"t"}"""), "title", "unknown_parameter");
        yield return Case("unknown field on create message", "POST", $"threads/{{thread}}/messages", Json("""{"role":"user","content":"hi","file_ids":[]}"""), "file_ids", "unknown_parameter");
        yield return Case("unknown field on modify message", "POST", $"threads/{{thread}}/messages/msg_hostile", Json("""{"metadata":{},"content":"x"}"""), "content", "unknown_parameter");
        yield return Case("unknown field on create run", "POST", $"threads/{{thread}}/runs", Json("""{"assistant_id":"asst_1","priority":"high"}"""), "priority", "unknown_parameter");
        yield return Case("unknown field in a run's additional message", "POST", $"threads/{{thread}}/runs",
            Json("""{"assistant_id":"asst_1","additional_messages":[{"role":"user","content":"x","name":"n"}]}"""), "additional_messages[0].name", "unknown_parameter");
        yield return Case("unknown field on create thread and run", "POST", "threads/runs", Json("""{"assistant_id":"asst_1","thread":{"title":"t"}}"""), "thread.title", "unknown_parameter");
        yield return Case("unknown field on modify run", "POST", $"threads/{{thread}}/runs/run_hostile", Json("""{"status":"completed"}"""), "status", "unknown_parameter");
        yield return Case("unknown field on submit tool outputs", "POST", $"threads/{{thread}}/runs/run_hostile/submit_tool_outputs",
            Json("""{"tool_outputs":[],"force":true}"""), "force", "unknown_parameter");

        // Wrong types.
        yield return Case("body is a string", "POST", "assistants", Json("\"model\""), null, "invalid_type");
        yield return Case("body is null", "POST", "threads", Json("null"), null, "invalid_type");
        yield return Case("tools is a string", "POST", "assistants", Json("""{"model":"m","tools":"code_interpreter"}"""), "tools", "invalid_type");
        yield return Case("temperature is a string", "POST", "assistants", Json("""{"model":"m","temperature":"hot"}"""), "temperature", "invalid_type");
        yield return Case("metadata is an array", "POST", $"threads/{{thread}}/messages", Json("""{"role":"user","content":"x","metadata":[]}"""), "metadata", "invalid_type");
        yield return Case("metadata value is a number", "POST", $"threads/{{thread}}", Json("""{"metadata":{"k":5}}"""), "metadata.k", "invalid_type");
        yield return Case("max_prompt_tokens is a decimal", "POST", $"threads/{{thread}}/runs", Json("""{"assistant_id":"asst_1","max_prompt_tokens":1000.5}"""), "max_prompt_tokens", "invalid_type");
        yield return Case("tool_outputs is an object", "POST", $"threads/{{thread}}/runs/run_hostile/submit_tool_outputs", Json("""{"tool_outputs":{"a":1}}"""), "tool_outputs", "invalid_type");
        yield return Case("limit is not a number", "GET", "assistants?limit=ten", null, "limit", "invalid_type");

        // 10,000-character ids: in the path, the query and the body.
        yield return Case("10k id in the assistant path", "GET", $"assistants/{LongId}", null, "assistant_id", "invalid_value");
        yield return Case("10k id in the thread path", "POST", $"threads/{LongId}/messages", Json("""{"role":"user","content":"x"}"""), "thread_id", "invalid_value");
        yield return Case("10k id in the run path", "GET", $"threads/{{thread}}/runs/{LongId}/steps", null, "run_id", "invalid_value");
        yield return Case("10k id as a cursor", "GET", $"assistants?after={LongId}", null, "after", "invalid_value");
        yield return Case("10k id in the body", "POST", $"threads/{{thread}}/runs", Json($$"""{"assistant_id":"{{LongId}}"}"""), "assistant_id", "invalid_value");
        yield return Case("10k id in a delete", "DELETE", $"threads/{LongId}", null, "thread_id", "invalid_value");
    }

    [TestCaseSource(nameof(Cases))]
    public async Task HostileInput_IsAnswered400WithAnOpenAIErrorBody(string method, string path, byte[]? body, string? param, string? code, bool chunked)
    {
        string threadId = (await Threads.CreateThreadAsync()).Id; // ids in the path exist, so only the hostile part can fail
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{thread}", threadId, StringComparison.Ordinal));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Emulator.ApiKey);
        if (body is not null)
        {
            request.Content = chunked ? new StreamContent(new UnknownLengthStream(body)) : new ByteArrayContent(body);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15)); // a hang fails the test instead of the run
        using HttpResponseMessage response = await Raw.SendAsync(request, cts.Token);
        string text = await response.Content.ReadAsStringAsync(cts.Token);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), text.Length > 300 ? text[..300] : text);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/json"));
        JsonElement error = JsonDocument.Parse(text).RootElement.GetProperty("error");
        Assert.Multiple(() =>
        {
            Assert.That(error.GetProperty("message").GetString(), Is.Not.Null.And.Not.Empty);
            Assert.That(error.GetProperty("message").GetString()!, Has.Length.LessThan(1000), "the answer does not echo the hostile input");
            Assert.That(error.GetProperty("type").GetString(), Is.EqualTo("invalid_request_error"));
            Assert.That(error.TryGetProperty("param", out JsonElement p) ? p.GetString() : "<absent>", Is.EqualTo(param));
            if (code is not null)
            {
                Assert.That(error.GetProperty("code").GetString(), Is.EqualTo(code));
            }

            Assert.That(response.Headers.TryGetValues("x-request-id", out IEnumerable<string>? ids) ? ids.Single() : null, Does.StartWith("req_"));
        });

        RawResponse after = await SendAsync(HttpMethod.Get, "assistants?limit=1");
        Assert.That(after.Status, Is.EqualTo(HttpStatusCode.OK), "the emulator still answers");
    }

    private static TestCaseData Case(string name, string method, string path, byte[]? body, string? param = null, string? code = null, bool chunked = false) =>
        new TestCaseData(method, path, body, param, code, chunked).SetArgDisplayNames(name);

    private static byte[] Json(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Bytes(string before, byte[] raw, string after) => [.. Encoding.UTF8.GetBytes(before), .. raw, .. Encoding.UTF8.GetBytes(after)];

    /// <summary>A body the client must send chunked: its length is unknown.</summary>
    private sealed class UnknownLengthStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
