using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;

namespace OpenAiApi.Refit.Emulator.Tests.Storage;

/// <summary>
/// The SQLite store across restarts of an in-process emulator (the operations themselves run against both stores in the
/// contract fixtures): everything the API shows reads back byte for byte, interrupted runs are settled, the file is set up and
/// guarded, and a call whose commit fails leaves nothing of itself in the file.
/// </summary>
public sealed class SqliteStoreTests
{
    private const string FunctionAssistant = """
        {"model":"gpt-4o-mini","name":"Weather","instructions":"Be brief.","metadata":{"team":"blue"},
         "tools":[{"type":"function","function":{"name":"get_weather","parameters":{"type":"object","properties":{"city":{"type":"string"}}}}}]}
        """;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("emulator-sqlite-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Restart_EverythingTheApiShows_ReadsBackIdentically()
    {
        string path = Path.Combine(_folder, "state.db");
        Dictionary<string, string> before;
        string threadId;
        string requiresActionRunId;
        await using (AssistantsEmulator emulator = await StartAsync(path))
        {
            using HttpClient http = Client(emulator);
            string assistant = Id(await Send(http, HttpMethod.Post, "assistants", FunctionAssistant));
            string modified = Id(await Send(http, HttpMethod.Post, "assistants", """{"model":"gpt-4o","name":"Old"}"""));
            await Send(http, HttpMethod.Post, $"assistants/{modified}", """{"name":"New","metadata":{"v":"2"},"temperature":0.5}""");
            string removed = Id(await Send(http, HttpMethod.Post, "assistants", """{"model":"gpt-4o"}"""));
            await Send(http, HttpMethod.Delete, $"assistants/{removed}");

            threadId = Id(await Send(http, HttpMethod.Post, "threads", """
                {"metadata":{"customer":"42"},"tool_resources":{"code_interpreter":{"file_ids":["file_a"]}},
                 "messages":[{"role":"user","content":"first","metadata":{"k":"v"}},
                             {"role":"user","content":[{"type":"text","text":"look"},{"type":"image_url","image_url":{"url":"https://example.com/a.png","detail":"low"}}]}]}
                """));
            await Send(http, HttpMethod.Post, $"threads/{threadId}", """{"metadata":{"customer":"43"}}""");
            string doomed = Id(await Send(http, HttpMethod.Post, $"threads/{threadId}/messages", """{"role":"user","content":"to delete"}"""));
            string kept = Id(await Send(http, HttpMethod.Post, $"threads/{threadId}/messages", """{"role":"assistant","content":"kept","metadata":{"a":"1"}}"""));
            await Send(http, HttpMethod.Post, $"threads/{threadId}/messages/{kept}", """{"metadata":{"a":"2"}}""");
            await Send(http, HttpMethod.Delete, $"threads/{threadId}/messages/{doomed}");

            string completedRun = Id(await Send(http, HttpMethod.Post, $"threads/{threadId}/runs", $$$"""{"assistant_id":"{{{assistant}}}","metadata":{"r":"1"}}"""));
            _clock.Advance(TimeSpan.FromSeconds(3));
            await Send(http, HttpMethod.Post, $"threads/{threadId}/runs/{completedRun}", """{"metadata":{"r":"2"}}""");
            await Send(http, HttpMethod.Post, $"threads/{threadId}/messages", """{"role":"user","content":"call get_weather city=Paris"}""");
            requiresActionRunId = Id(await Send(http, HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
            _clock.Advance(TimeSpan.FromSeconds(2));

            string deletedThread = Id(await Send(http, HttpMethod.Post, "threads", null));
            await Send(http, HttpMethod.Delete, $"threads/{deletedThread}");

            before = await CaptureAsync(http, threadId, doomed);
            Assert.That(JsonDocument.Parse(before["run:" + requiresActionRunId]).RootElement.GetProperty("status").GetString(), Is.EqualTo("requires_action"));
        }

        await using (AssistantsEmulator restarted = await StartAsync(path))
        {
            using HttpClient http = Client(restarted);
            Dictionary<string, string> after = await CaptureAsync(http, threadId, before["deleted-message"]);

            Assert.That(after.Keys, Is.EquivalentTo(before.Keys));
            Assert.Multiple(() =>
            {
                foreach ((string key, string json) in before)
                {
                    Assert.That(after[key], Is.EqualTo(json), key);
                }
            });

            // What the restarted emulator does next follows on: new objects come last, the waiting run takes its outputs.
            string newMessage = Id(await Send(http, HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"x"}]}"""));
            string newAssistant = Id(await Send(http, HttpMethod.Post, "assistants", """{"model":"gpt-4o"}"""));
            JsonElement assistants = Json(await Send(http, HttpMethod.Get, "assistants?order=asc"));
            JsonElement waiting = Json(await Send(http, HttpMethod.Get, $"threads/{threadId}/runs/{requiresActionRunId}"));
            string callId = waiting.GetProperty("required_action").GetProperty("submit_tool_outputs").GetProperty("tool_calls")[0].GetProperty("id").GetString()!;
            await Send(http, HttpMethod.Post, $"threads/{threadId}/runs/{requiresActionRunId}/submit_tool_outputs", $$"""{"tool_outputs":[{"tool_call_id":"{{callId}}","output":"18C"}]}""");
            _clock.Advance(TimeSpan.FromSeconds(3));
            JsonElement finished = Json(await Send(http, HttpMethod.Get, $"threads/{threadId}/runs/{requiresActionRunId}"));
            JsonElement steps = Json(await Send(http, HttpMethod.Get, $"threads/{threadId}/runs/{requiresActionRunId}/steps?order=asc"));
            JsonElement reply = Json(await Send(http, HttpMethod.Get, $"threads/{threadId}/messages?limit=1"));

            Assert.Multiple(() =>
            {
                Assert.That(newMessage, Does.StartWith("thread_"));
                Assert.That(assistants.GetProperty("last_id").GetString(), Is.EqualTo(newAssistant), "a new object is ordered after the loaded ones");
                Assert.That(finished.GetProperty("status").GetString(), Is.EqualTo("completed"));
                Assert.That(steps.GetProperty("data")[0].GetProperty("step_details").GetProperty("tool_calls")[0].GetProperty("function").GetProperty("output").GetString(), Is.EqualTo("18C"));
                Assert.That(reply.GetProperty("data")[0].GetProperty("content")[0].GetProperty("text").GetProperty("value").GetString(), Is.EqualTo("The tool get_weather returned: 18C"));
            });
        }
    }

    [Test]
    public async Task Restart_RunsInterrupted_InProgressFailWithServerErrorCancellingAreCancelled()
    {
        string path = Path.Combine(_folder, "state.db");
        string writingThread, writingRun, queuedThread, queuedRun, cancellingThread, cancellingRun;
        await using (AssistantsEmulator emulator = await StartAsync(path))
        {
            using HttpClient http = Client(emulator);
            string assistant = Id(await Send(http, HttpMethod.Post, "assistants", """{"model":"gpt-4o"}"""));
            writingThread = Id(await Send(http, HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"hello"}]}"""));
            writingRun = Id(await Send(http, HttpMethod.Post, $"threads/{writingThread}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
            _clock.Advance(TimeSpan.FromSeconds(2));
            Assert.That(Json(await Send(http, HttpMethod.Get, $"threads/{writingThread}/messages?limit=1")).GetProperty("data")[0].GetProperty("status").GetString(), Is.EqualTo("in_progress"));

            queuedThread = Id(await Send(http, HttpMethod.Post, "threads", null));
            queuedRun = Id(await Send(http, HttpMethod.Post, $"threads/{queuedThread}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
            cancellingThread = Id(await Send(http, HttpMethod.Post, "threads", null));
            cancellingRun = Id(await Send(http, HttpMethod.Post, $"threads/{cancellingThread}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
            Assert.That(Json(await Send(http, HttpMethod.Post, $"threads/{cancellingThread}/runs/{cancellingRun}/cancel", null)).GetProperty("status").GetString(), Is.EqualTo("cancelling"));
        }

        _clock.Advance(TimeSpan.FromSeconds(30));
        long restartedAt = _clock.GetUtcNow().ToUnixTimeSeconds();
        await using AssistantsEmulator restarted = await StartAsync(path);
        using HttpClient client = Client(restarted);
        JsonElement failed = Json(await Send(client, HttpMethod.Get, $"threads/{writingThread}/runs/{writingRun}"));
        JsonElement step = Json(await Send(client, HttpMethod.Get, $"threads/{writingThread}/runs/{writingRun}/steps")).GetProperty("data")[0];
        JsonElement message = Json(await Send(client, HttpMethod.Get, $"threads/{writingThread}/messages?limit=1")).GetProperty("data")[0];
        JsonElement queued = Json(await Send(client, HttpMethod.Get, $"threads/{queuedThread}/runs/{queuedRun}"));
        JsonElement cancelled = Json(await Send(client, HttpMethod.Get, $"threads/{cancellingThread}/runs/{cancellingRun}"));
        RawReply newMessage = await Send(client, HttpMethod.Post, $"threads/{writingThread}/messages", """{"role":"user","content":"again"}""");

        Assert.Multiple(() =>
        {
            Assert.That(failed.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(failed.GetProperty("failed_at").GetInt64(), Is.EqualTo(restartedAt));
            Assert.That(failed.GetProperty("last_error").GetProperty("code").GetString(), Is.EqualTo("server_error"));
            Assert.That(failed.GetProperty("last_error").GetProperty("message").GetString(), Does.Contain("server restarted"));
            Assert.That(failed.GetProperty("expires_at").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(step.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(step.GetProperty("failed_at").GetInt64(), Is.EqualTo(restartedAt));
            Assert.That(step.GetProperty("last_error").GetProperty("code").GetString(), Is.EqualTo("server_error"));
            Assert.That(message.GetProperty("status").GetString(), Is.EqualTo("incomplete"));
            Assert.That(message.GetProperty("incomplete_details").GetProperty("reason").GetString(), Is.EqualTo("run_failed"));
            Assert.That(queued.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(queued.GetProperty("last_error").GetProperty("code").GetString(), Is.EqualTo("server_error"));
            Assert.That(cancelled.GetProperty("status").GetString(), Is.EqualTo("cancelled"));
            Assert.That(cancelled.GetProperty("cancelled_at").GetInt64(), Is.EqualTo(restartedAt));
            Assert.That(newMessage.Status, Is.EqualTo(HttpStatusCode.OK), "the thread is no longer locked by the interrupted run");
        });

        // Settled once: a further restart reads the same.
        await restarted.DisposeAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await using AssistantsEmulator again = await StartAsync(path);
        using HttpClient third = Client(again);
        Assert.That(
            (await Send(third, HttpMethod.Get, $"threads/{writingThread}/runs/{writingRun}")).Text,
            Is.EqualTo(failed.GetRawText()));
    }

    [Test]
    public async Task Open_NewFile_CreatesTheSchemaInWalModeAndRecordsItsVersion()
    {
        string path = Path.Combine(_folder, "nested", "state.db");
        await (await StartAsync(path)).DisposeAsync();

        using SqliteConnection connection = OpenDirect(path);
        Assert.Multiple(() =>
        {
            Assert.That(Scalar(connection, "PRAGMA journal_mode"), Is.EqualTo("wal"));
            Assert.That(Scalar(connection, "PRAGMA application_id"), Is.EqualTo(0x4F41454DL));
            Assert.That(Scalar(connection, "SELECT group_concat(version) FROM schema_version"), Is.EqualTo("1"));
            Assert.That(Scalar(connection, "SELECT count(*) FROM objects"), Is.EqualTo(0L));
        });
    }

    [Test]
    public async Task Open_SchemaNewerThanTheEmulator_RefusedAndTheFileIsLeftUntouched()
    {
        string path = Path.Combine(_folder, "state.db");
        await (await StartAsync(path)).DisposeAsync();
        using (SqliteConnection connection = OpenDirect(path))
        {
            Execute(connection, "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')");
        }

        string hash = Hash(path);
        InvalidOperationException? error = Assert.CatchAsync<InvalidOperationException>(async () => await StartAsync(path));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("schema version 99").And.Contain("newer emulator").And.Contain("knows versions up to 1").And.Contain("untouched"));
            Assert.That(Hash(path), Is.EqualTo(hash));
        });
    }

    [Test]
    public void Open_SomeOtherSqliteDatabase_RefusedAndLeftUntouched()
    {
        string path = Path.Combine(_folder, "other.db");
        using (SqliteConnection connection = OpenDirect(path))
        {
            Execute(connection, "CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        }

        string hash = Hash(path);
        InvalidOperationException? error = Assert.CatchAsync<InvalidOperationException>(async () => await StartAsync(path));

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("is not an emulator data file"));
            Assert.That(Hash(path), Is.EqualTo(hash));
        });
    }

    [Test]
    public async Task Open_FileInUseByAnotherEmulator_SecondIsRefused()
    {
        string path = Path.Combine(_folder, "state.db");
        await using AssistantsEmulator first = await StartAsync(path);

        InvalidOperationException? error = Assert.CatchAsync<InvalidOperationException>(async () => await StartAsync(path));
        using HttpClient http = Client(first);
        RawReply stillServing = await Send(http, HttpMethod.Post, "threads", null);

        Assert.Multiple(() =>
        {
            Assert.That(error!.Message, Does.Contain("in use by another process").And.Contain("One emulator process at a time"));
            Assert.That(stillServing.Status, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Commit_FailsMidCall_NothingOfTheCallIsStored()
    {
        string path = Path.Combine(_folder, "state.db");
        string threadId, runId;
        await using (AssistantsEmulator emulator = await StartAsync(path, instant: true))
        {
            using HttpClient http = Client(emulator);
            string assistant = Id(await Send(http, HttpMethod.Post, "assistants", """{"model":"gpt-4o"}"""));
            threadId = Id(await Send(http, HttpMethod.Post, "threads", """{"messages":[{"role":"user","content":"hi"}]}"""));
        }

        // A step can no longer be written: the call that finishes a run (run, message, step) must then store none of it.
        using (SqliteConnection connection = OpenDirect(path))
        {
            Execute(connection, "CREATE TRIGGER no_steps BEFORE INSERT ON objects WHEN NEW.kind = 'step' BEGIN SELECT RAISE(ABORT, 'injected failure'); END");
        }

        await using (AssistantsEmulator emulator = await StartAsync(path, instant: true))
        {
            using HttpClient http = Client(emulator);
            string assistant = Json(await Send(http, HttpMethod.Get, "assistants")).GetProperty("data")[0].GetProperty("id").GetString()!;
            runId = Id(await Send(http, HttpMethod.Post, $"threads/{threadId}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
            RawReply failed = await Send(http, HttpMethod.Get, $"threads/{threadId}/runs/{runId}");
            Assert.That(failed.Status, Is.EqualTo(HttpStatusCode.InternalServerError));
        }

        using (SqliteConnection connection = OpenDirect(path))
        {
            Assert.Multiple(() =>
            {
                Assert.That(Scalar(connection, $"SELECT json_extract(json, '$.status') FROM objects WHERE id = '{runId}'"), Is.EqualTo("queued"));
                Assert.That(Scalar(connection, $"SELECT count(*) FROM objects WHERE kind IN ('step', 'message') AND json_extract(json, '$.run_id') = '{runId}'"), Is.EqualTo(0L));
            });
            Execute(connection, "DROP TRIGGER no_steps");
        }

        await using AssistantsEmulator restarted = await StartAsync(path, instant: true);
        using HttpClient client = Client(restarted);
        JsonElement run = Json(await Send(client, HttpMethod.Get, $"threads/{threadId}/runs/{runId}"));
        JsonElement steps = Json(await Send(client, HttpMethod.Get, $"threads/{threadId}/runs/{runId}/steps"));
        JsonElement messages = Json(await Send(client, HttpMethod.Get, $"threads/{threadId}/messages"));

        Assert.Multiple(() =>
        {
            Assert.That(run.GetProperty("status").GetString(), Is.EqualTo("failed"));
            Assert.That(steps.GetProperty("data").GetArrayLength(), Is.Zero);
            Assert.That(messages.GetProperty("data").EnumerateArray().Select(m => m.GetProperty("role").GetString()), Is.EqualTo(new[] { "user" }));
        });
    }

    private Task<AssistantsEmulator> StartAsync(string path, bool instant = false) => AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions
    {
        DataPath = path,
        TimeProvider = _clock,
        Timing = instant ? EmulatorRunTiming.Instant : new EmulatorRunTiming { TransitionDelay = TimeSpan.FromSeconds(1) },
    });

    /// <summary>Reads every list and object the API shows, as raw JSON, keyed by what was read.</summary>
    private static async Task<Dictionary<string, string>> CaptureAsync(HttpClient http, string threadId, string deletedMessageId)
    {
        var captured = new Dictionary<string, string>(StringComparer.Ordinal) { ["deleted-message"] = deletedMessageId };
        async Task<JsonElement> Read(string key, string path)
        {
            RawReply reply = await Send(http, HttpMethod.Get, path);
            Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), path);
            captured[key] = reply.Text;
            return Json(reply);
        }

        foreach (JsonElement assistant in (await Read("assistants", "assistants?order=asc")).GetProperty("data").EnumerateArray())
        {
            await Read("assistant:" + assistant.GetProperty("id").GetString(), "assistants/" + assistant.GetProperty("id").GetString());
        }

        await Read("assistants:desc:2", "assistants?limit=2");
        await Read("thread", $"threads/{threadId}");
        JsonElement messages = await Read("messages", $"threads/{threadId}/messages?order=asc");
        await Read("messages:after-deleted", $"threads/{threadId}/messages?order=asc&after={deletedMessageId}");
        await Read("messages:before-deleted", $"threads/{threadId}/messages?order=asc&before={deletedMessageId}");
        await Read("messages:page", $"threads/{threadId}/messages?limit=2&after={messages.GetProperty("last_id").GetString()}");
        foreach (JsonElement message in messages.GetProperty("data").EnumerateArray())
        {
            await Read("message:" + message.GetProperty("id").GetString(), $"threads/{threadId}/messages/{message.GetProperty("id").GetString()}");
        }

        foreach (JsonElement run in (await Read("runs", $"threads/{threadId}/runs")).GetProperty("data").EnumerateArray())
        {
            string runId = run.GetProperty("id").GetString()!;
            await Read("run:" + runId, $"threads/{threadId}/runs/{runId}");
            await Read("run-messages:" + runId, $"threads/{threadId}/messages?run_id={runId}");
            foreach (JsonElement step in (await Read("steps:" + runId, $"threads/{threadId}/runs/{runId}/steps?order=asc")).GetProperty("data").EnumerateArray())
            {
                await Read("step:" + step.GetProperty("id").GetString(), $"threads/{threadId}/runs/{runId}/steps/{step.GetProperty("id").GetString()}");
            }
        }

        return captured;
    }

    private static HttpClient Client(AssistantsEmulator emulator)
    {
        var http = new HttpClient { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        return http;
    }

    private static async Task<RawReply> Send(HttpClient http, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using HttpResponseMessage response = await http.SendAsync(request);
        return new RawReply(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Id(RawReply reply)
    {
        Assert.That(reply.Status, Is.EqualTo(HttpStatusCode.OK), reply.Text);
        return Json(reply).GetProperty("id").GetString()!;
    }

    private static JsonElement Json(RawReply reply) => JsonDocument.Parse(reply.Text).RootElement.Clone();

    private static SqliteConnection OpenDirect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string Hash(string path) =>
        Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path))) + "/" + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : -1);

    private sealed record RawReply(HttpStatusCode Status, string Text);
}
