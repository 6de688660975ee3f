using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using NUnit.Framework;
using OpenAiApi.Refit.Emulator.Tests.Infrastructure;
using OpenAiApi.Refit.Models;
using static OpenAiApi.Refit.Emulator.Tests.Infrastructure.EmulatorHarness;

namespace OpenAiApi.Refit.Emulator.Tests;

[TestFixture(EmulatorStoreKind.InMemory)]
[TestFixture(EmulatorStoreKind.Sqlite)]
public sealed class ConcurrencyTests(EmulatorStoreKind store)
{
    private EmulatorHarness _harness = null!;

    [OneTimeSetUp]
    public async Task StartEmulator() => _harness = await EmulatorHarness.StartAsync(store);

    [SetUp]
    public void ResetEmulator() => _harness.Reset();

    [OneTimeTearDown]
    public async Task StopEmulator() => await _harness.DisposeAsync();

    [Test]
    public async Task CreateMessage_200ConcurrentOnOneThread_AllPresentExactlyOnce()
    {
        AssistantThread thread = await _harness.CreateThreadAsync();
        string[] texts = [.. Enumerable.Range(0, 200).Select(i => $"message {i}")];

        ThreadMessage[] created = await Task.WhenAll(texts.Select(text => _harness.Messages.CreateMessageAsync(thread.Id, MessageCreationOptions.User(text))));

        var listed = new List<ThreadMessage>();
        string? after = null;
        do
        {
            CursorPage<ThreadMessage> page = await _harness.Messages.ListMessagesAsync(thread.Id, new MessageCollectionOptions { Limit = 100, Order = ListOrder.Ascending, After = after });
            listed.AddRange(page.Data);
            after = page.HasMore ? page.LastId : null;
        }
        while (after is not null);

        Assert.Multiple(() =>
        {
            Assert.That(created.Select(m => m.Id).Distinct().Count(), Is.EqualTo(200), "200 distinct ids were returned");
            Assert.That(listed, Has.Count.EqualTo(200), "nothing lost, nothing duplicated");
            Assert.That(listed.Select(m => m.Id), Is.EquivalentTo(created.Select(m => m.Id)));
            Assert.That(listed.Select(m => m.Text), Is.EquivalentTo(texts));
            Assert.That(listed.Select(m => m.Id).Distinct().Count(), Is.EqualTo(200));
        });
    }

    [Test]
    public async Task CreateAssistant_100Concurrent_AllListedOnce()
    {
        Assistant[] created = await Task.WhenAll(Enumerable.Range(0, 100).Select(_ => _harness.CreateAssistantAsync()));

        CursorPage<Assistant> page = await _harness.Assistants.ListAssistantsAsync(new AssistantCollectionOptions { Limit = 100 });

        Assert.Multiple(() =>
        {
            Assert.That(page.Data.Select(a => a.Id), Is.EquivalentTo(created.Select(a => a.Id)));
            Assert.That(page.HasMore, Is.False);
        });
    }

    [Test]
    public async Task ConcurrentRunsOnSeparateThreads_AllComplete()
    {
        Assistant assistant = await _harness.CreateAssistantAsync();
        AssistantThread[] threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => _harness.CreateThreadAsync($"thread {i}")));

        ThreadRun[] runs = await Task.WhenAll(threads.Select(t => _harness.Runs.CreateRunAsync(t.Id, new RunCreationOptions(assistant.Id))));
        ThreadRun[] finished = await Task.WhenAll(runs.Select(r => _harness.Runs.GetRunAsync(r.ThreadId!, r.Id)));
        ThreadMessage[] replies = await Task.WhenAll(threads.Select(async t => (await _harness.Messages.ListMessagesAsync(t.Id)).Data[0]));

        Assert.Multiple(() =>
        {
            Assert.That(finished.Select(r => r.Status), Is.All.EqualTo(RunStatus.Completed));
            Assert.That(replies.Select(m => m.Text), Is.EqualTo(Enumerable.Range(0, 20).Select(i => $"Echo: thread {i}")));
        });
    }

    [Test]
    public async Task MixedRequests_1000ConcurrentOnFourThreads_NothingLostOrDuplicatedAndOneActiveRunPerThread()
    {
        // Runs stay queued (the clock does not move), so every create-run but one per thread must be refused, and every message
        // sent after that run must be refused too: the outcome is exact whatever order the requests land in.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero));
        void Configure(AssistantsEmulatorOptions o)
        {
            o.TimeProvider = clock;
            o.Timing = new EmulatorRunTiming { TransitionDelay = TimeSpan.FromSeconds(1) };
        }

        string? dataPath = _harness.Store == EmulatorStoreKind.Sqlite ? _harness.NewDataFile() : null;
        AssistantsEmulator emulator = await _harness.StartEmulatorAsync(Configure, dataPath);
        Dictionary<string, string[]> listed;
        var acknowledged = new Dictionary<string, List<(string Id, string Text)>>();
        var runsCreated = new Dictionary<string, List<string>>();
        var refusals = new List<string>();
        string[] threads;
        try
        {
            using HttpClient http = RawClient(emulator, out SocketsHttpHandler handler);
            using (handler)
            {
                string assistant = await PostIdAsync(http, "assistants", """{"model":"gpt-4o"}""");
                threads = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostIdAsync(http, "threads", "{}")));
                var requests = new List<(string Thread, string Kind, string Path, string? Body)>();
                foreach (string thread in threads)
                {
                    acknowledged[thread] = [];
                    runsCreated[thread] = [];
                    for (int i = 0; i < 180; i++)
                    {
                        requests.Add((thread, "message", $"threads/{thread}/messages", JsonSerializer.Serialize(new { role = "user", content = $"{thread} message {i}" })));
                    }

                    for (int i = 0; i < 20; i++)
                    {
                        requests.Add((thread, "run", $"threads/{thread}/runs", $$"""{"assistant_id":"{{assistant}}"}"""));
                        requests.Add((thread, "read", $"threads/{thread}/messages?limit=100", null));
                        requests.Add((thread, "read", $"threads/{thread}/runs", null));
                    }

                    for (int i = 0; i < 10; i++)
                    {
                        requests.Add((thread, "read", $"threads/{thread}", null));
                    }
                }

                Assert.That(requests, Has.Count.EqualTo(1000));
                var random = new Random(1234);
                (string Thread, string Kind, string Path, string? Body)[] shuffled = [.. requests.OrderBy(_ => random.Next())];
                (string Thread, string Kind, HttpStatusCode Status, string Text, string? SentText)[] results = await Task.WhenAll(shuffled.Select(async r =>
                {
                    using var request = new HttpRequestMessage(r.Body is null ? HttpMethod.Get : HttpMethod.Post, r.Path);
                    if (r.Body is not null)
                    {
                        request.Content = new StringContent(r.Body, Encoding.UTF8, "application/json");
                    }

                    using HttpResponseMessage response = await http.SendAsync(request);
                    string? sent = r.Kind == "message" ? JsonDocument.Parse(r.Body!).RootElement.GetProperty("content").GetString() : null;
                    return (r.Thread, r.Kind, response.StatusCode, await response.Content.ReadAsStringAsync(), sent);
                }));

                foreach ((string thread, string kind, HttpStatusCode status, string text, string? sent) in results)
                {
                    if (status != HttpStatusCode.OK)
                    {
                        refusals.Add($"{kind} {(int)status} {ErrorCode(text)}");
                        continue;
                    }

                    string id = JsonDocument.Parse(text).RootElement.TryGetProperty("id", out JsonElement idElement) ? idElement.GetString()! : string.Empty;
                    if (kind == "message")
                    {
                        acknowledged[thread].Add((id, sent!));
                    }
                    else if (kind == "run")
                    {
                        runsCreated[thread].Add(id);
                    }
                }

                listed = await ListEverythingAsync(http, threads);
            }

            if (dataPath is not null)
            {
                // The same, read back from the file by a restarted emulator.
                await emulator.DisposeAsync();
                emulator = await _harness.StartEmulatorAsync(Configure, dataPath);
                using HttpClient again = RawClient(emulator, out SocketsHttpHandler handler2);
                using (handler2)
                {
                    Dictionary<string, string[]> reread = await ListEverythingAsync(again, threads);
                    Assert.That(reread, Is.EqualTo(listed), "the restarted emulator reads back the same");
                }
            }
        }
        finally
        {
            await emulator.DisposeAsync();
        }

        Assert.Multiple(() =>
        {
            Assert.That(refusals.Distinct(), Is.SubsetOf(new[] { "message 400 thread_locked", "run 400 thread_locked" }), "only thread_locked refusals");
            foreach (string thread in threads)
            {
                Assert.That(runsCreated[thread], Has.Count.EqualTo(1), "one active run per thread");
                Assert.That(listed[thread + ":runs"], Is.EqualTo(runsCreated[thread]));
                Assert.That(listed[thread + ":messages"], Is.EquivalentTo(acknowledged[thread].Select(m => m.Id + " " + m.Text)), "every acknowledged message once, nothing else");
                Assert.That(listed[thread + ":messages"], Is.Unique);
            }

            Assert.That(acknowledged.Values.Sum(m => m.Count) + refusals.Count(r => r.StartsWith("message", StringComparison.Ordinal)), Is.EqualTo(720));
        });
    }

    private static HttpClient RawClient(AssistantsEmulator emulator, out SocketsHttpHandler handler)
    {
        handler = new SocketsHttpHandler { MaxConnectionsPerServer = 32 };
        var http = new HttpClient(handler, disposeHandler: false) { BaseAddress = emulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
        return http;
    }

    private static async Task<string> PostIdAsync(HttpClient http, string path, string json)
    {
        using HttpResponseMessage response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static string? ErrorCode(string body)
    {
        try
        {
            return JsonDocument.Parse(body).RootElement.GetProperty("error").GetProperty("code").GetString();
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return body;
        }
    }

    /// <summary>Every message ("id text", oldest first, paged by cursor) and every run id of each thread.</summary>
    private static async Task<Dictionary<string, string[]>> ListEverythingAsync(HttpClient http, string[] threads)
    {
        var result = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (string thread in threads)
        {
            var messages = new List<string>();
            string? after = null;
            do
            {
                JsonElement page = JsonDocument.Parse(await http.GetStringAsync($"threads/{thread}/messages?order=asc&limit=100{(after is null ? string.Empty : "&after=" + after)}")).RootElement;
                messages.AddRange(page.GetProperty("data").EnumerateArray().Select(static m =>
                    m.GetProperty("id").GetString() + " " + m.GetProperty("content")[0].GetProperty("text").GetProperty("value").GetString()));
                after = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("last_id").GetString() : null;
            }
            while (after is not null);

            result[thread + ":messages"] = [.. messages];
            result[thread + ":runs"] = [.. JsonDocument.Parse(await http.GetStringAsync($"threads/{thread}/runs?limit=100")).RootElement
                .GetProperty("data").EnumerateArray().Select(static r => r.GetProperty("id").GetString()!)];
        }

        return result;
    }
}
