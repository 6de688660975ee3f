using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using NUnit.Framework;

namespace OpenAiApi.Refit.Emulator.Tests.Storage;

/// <summary>
/// The standalone emulator with <c>--data</c>, killed (SIGKILL) while writers are busy: the file is consistent and holds every
/// write that was acknowledged, whole; a run is never stored without its steps.
/// </summary>
public sealed class StandaloneKillTests
{
    private const int Writers = 4;
    private const int KillAfterAcknowledged = 120;
    private const int MaxWritesPerWriter = 400;
    private const string Key = "sk-durable";

    private string _folder = null!;

    [SetUp]
    public void CreateFolder() => _folder = Directory.CreateTempSubdirectory("emulator-kill-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public async Task Kill_DuringAWriteLoop_EveryAcknowledgedWriteIsInTheFileWhole()
    {
        string path = Path.Combine(_folder, "state.db");
        var acknowledged = new ConcurrentDictionary<string, (string ThreadId, string Text)>(StringComparer.Ordinal);
        var runs = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        string[] threads;
        using (Process process = StartStandalone(path, out Uri baseAddress))
        {
            try
            {
                using HttpClient http = Client(baseAddress);
                string assistant = await PostAsync(http, "assistants", """{"model":"gpt-4o"}""");
                threads = await Task.WhenAll(Enumerable.Range(0, Writers).Select(_ => PostAsync(http, "threads", "{}")));
                using var enough = new CancellationTokenSource();

                async Task WriteAsync(int writer)
                {
                    string thread = threads[writer];
                    // The writers keep going after the signal: the kill lands in the middle of their requests.
                    for (int i = 0; i < MaxWritesPerWriter; i++)
                    {
                        try
                        {
                            if (i % 10 == 9)
                            {
                                // A run, then a read that finishes it (instant timing): run, steps and reply are written together.
                                string run = await PostAsync(http, $"threads/{thread}/runs", $$"""{"assistant_id":"{{assistant}}"}""");
                                runs[run] = thread;
                                using HttpResponseMessage finished = await http.GetAsync($"threads/{thread}/runs/{run}");
                                continue;
                            }

                            string text = $"writer {writer} message {i} " + new string('x', 200 + (i % 7) * 50);
                            string id = await PostAsync(http, $"threads/{thread}/messages", JsonSerializer.Serialize(new { role = "user", content = text }));
                            acknowledged[id] = (thread, text);
                            if (acknowledged.Count >= KillAfterAcknowledged)
                            {
                                await enough.CancelAsync();
                            }
                        }
                        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
                        {
                            return; // the process is gone
                        }
                    }
                }

                Task[] writers = [.. Enumerable.Range(0, Writers).Select(w => Task.Run(() => WriteAsync(w)))];
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                await Task.WhenAny(Task.Delay(Timeout.Infinite, enough.Token).ContinueWith(static _ => { }, TaskScheduler.Default), Task.WhenAll(writers)).WaitAsync(timeout.Token);

                process.Kill(); // SIGKILL

                await process.WaitForExitAsync(timeout.Token);
                await Task.WhenAll(writers).WaitAsync(timeout.Token);
            }
            finally
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync();
                }
            }
        }

        Assert.That(acknowledged, Has.Count.GreaterThanOrEqualTo(KillAfterAcknowledged));
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ConnectionString))
        {
            connection.Open();
            using SqliteCommand check = connection.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            Assert.That(check.ExecuteScalar(), Is.EqualTo("ok"));
        }

        await using AssistantsEmulator restarted = await AssistantsEmulator.StartAsync(new AssistantsEmulatorOptions { DataPath = path, ApiKey = Key });
        using HttpClient client = Client(restarted.BaseAddress);
        var stored = new Dictionary<string, (string ThreadId, string Role, string Text, string? RunId)>(StringComparer.Ordinal);
        int duplicates = 0;
        foreach (string thread in threads)
        {
            foreach (JsonElement message in await ListAllAsync(client, $"threads/{thread}/messages"))
            {
                string text = message.GetProperty("content").EnumerateArray().Select(static c => c.GetProperty("text").GetProperty("value").GetString()).SingleOrDefault() ?? string.Empty;
                string? runId = message.GetProperty("run_id").ValueKind == JsonValueKind.String ? message.GetProperty("run_id").GetString() : null;
                duplicates += stored.TryAdd(message.GetProperty("id").GetString()!, (thread, message.GetProperty("role").GetString()!, text, runId)) ? 0 : 1;
            }
        }

        var runProblems = new List<string>();
        var listedRuns = new HashSet<string>(StringComparer.Ordinal);
        foreach (string thread in threads)
        {
            foreach (JsonElement run in await ListAllAsync(client, $"threads/{thread}/runs"))
            {
                string runId = run.GetProperty("id").GetString()!;
                listedRuns.Add(runId);
                string status = run.GetProperty("status").GetString()!;
                JsonElement[] steps = await ListAllAsync(client, $"threads/{thread}/runs/{runId}/steps");
                string[] replies = [.. stored.Where(m => m.Value.RunId == runId).Select(m => m.Value.Text)];
                bool consistent = status switch
                {
                    "completed" => steps.Length == 1 && steps[0].GetProperty("status").GetString() == "completed" && replies.Length == 1 && replies[0].StartsWith("Echo: ", StringComparison.Ordinal),
                    "failed" => run.GetProperty("last_error").GetProperty("code").GetString() == "server_error" && steps.All(s => s.GetProperty("status").GetString() == "failed"),
                    _ => false,
                };
                if (!consistent)
                {
                    runProblems.Add($"{runId}: {status}, {steps.Length} steps, {replies.Length} replies");
                }
            }
        }

        Assert.Multiple(() =>
        {
            Assert.That(duplicates, Is.Zero);
            Assert.That(acknowledged.Keys.Where(id => !stored.ContainsKey(id)), Is.Empty, "no acknowledged message is lost");
            Assert.That(acknowledged.Where(a => stored.TryGetValue(a.Key, out var m) && (m.ThreadId, m.Text) != a.Value).Select(a => a.Key), Is.Empty, "each is whole, on its thread");
            Assert.That(stored.Values.Where(m => m.Role == "user" && !m.Text.StartsWith("writer ", StringComparison.Ordinal)), Is.Empty, "no partial message");
            Assert.That(runs.Keys.Where(r => !listedRuns.Contains(r)), Is.Empty, "no acknowledged run is lost");
            Assert.That(runProblems, Is.Empty, "each run is completed with its step and reply, or failed by the restart");
        });
    }

    private static Process StartStandalone(string path, out Uri baseAddress)
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "OpenAiApi.Refit.Emulator.Tool.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", "http://127.0.0.1:0", "--timing", "instant", "--api-key", Key, "--data", path },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (process.StandardOutput.ReadLineAsync(timeout.Token).AsTask().GetAwaiter().GetResult() is string line)
            {
                const string marker = "base address ";
                int index = line.IndexOf(marker, StringComparison.Ordinal);
                if (index >= 0)
                {
                    baseAddress = new Uri(line[(index + marker.Length)..].Split(' ')[0]);
                    _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                    _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                    return process;
                }
            }

            throw new InvalidOperationException("The emulator ended before printing its address: " + process.StandardError.ReadToEnd());
        }
        catch
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            process.Dispose();
            throw;
        }
    }

    private static HttpClient Client(Uri baseAddress)
    {
        var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return http;
    }

    private static async Task<string> PostAsync(HttpClient http, string path, string json)
    {
        using HttpResponseMessage response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        string body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<JsonElement[]> ListAllAsync(HttpClient http, string path)
    {
        var all = new List<JsonElement>();
        string? after = null;
        do
        {
            using HttpResponseMessage response = await http.GetAsync($"{path}?order=asc&limit=100{(after is null ? string.Empty : "&after=" + after)}");
            JsonElement page = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), page.ToString());
            all.AddRange(page.GetProperty("data").EnumerateArray());
            after = page.GetProperty("has_more").GetBoolean() ? page.GetProperty("last_id").GetString() : null;
        }
        while (after is not null);

        return [.. all];
    }
}
