using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OpenAiApi.Refit.Emulator;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>
/// A bounded load test of the emulator's stores (docs/emulator-storage.md): create-message and get-run over HTTP against an
/// in-process emulator kept in memory, then on a SQLite file, one client after another and eight at once. Each figure is the
/// median of three rounds after a warm-up.
/// <code>dotnet run -c Release --project tests/OpenAiApi.Refit.Benchmarks -- --emulator-store [operations per round]</code>
/// </summary>
internal static class EmulatorStoreLoad
{
    private const int Rounds = 3;
    private const int Concurrency = 8;

    public static async Task RunAsync(string[] args)
    {
        int operations = args.Length > 1 && int.TryParse(args[1], out int n) && n > 0 ? n : 1000;
        Console.WriteLine($"emulator store load: {operations} operations per round, median of {Rounds} rounds, {Environment.ProcessorCount} cores");
        Console.WriteLine($"{"store",-10} {"operation",-15} {"clients",7} {"ops/s",10} {"mean ms",9}");
        foreach (bool sqlite in new[] { false, true })
        {
            string folder = Directory.CreateTempSubdirectory("emulator-store-load-").FullName;
            try
            {
                var options = new AssistantsEmulatorOptions { DataPath = sqlite ? Path.Combine(folder, "load.db") : null };
                await using AssistantsEmulator emulator = await AssistantsEmulator.StartAsync(options);
                using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency };
                using var http = new HttpClient(handler) { BaseAddress = emulator.BaseAddress };
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", emulator.ApiKey);
                string store = sqlite ? "sqlite" : "in-memory";
                string assistant = await IdAsync(http, "assistants", """{"model":"gpt-4o"}""");
                string[] threads = await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(_ => IdAsync(http, "threads", "{}")));

                await ReportAsync(store, "create-message", 1, operations, (_, i) => IdAsync(http, $"threads/{threads[0]}/messages", Message(i)));
                await ReportAsync(store, "create-message", Concurrency, operations, (client, i) => IdAsync(http, $"threads/{threads[client]}/messages", Message(i)));

                string[] runs = await Task.WhenAll(threads.Select(t => IdAsync(http, $"threads/{t}/runs", $$"""{"assistant_id":"{{assistant}}"}""")));
                await ReportAsync(store, "get-run", 1, operations, (_, _) => GetAsync(http, $"threads/{threads[0]}/runs/{runs[0]}"));
                await ReportAsync(store, "get-run", Concurrency, operations, (client, _) => GetAsync(http, $"threads/{threads[client]}/runs/{runs[client]}"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static async Task ReportAsync(string store, string operation, int clients, int operations, Func<int, int, Task> call)
    {
        await RoundAsync(clients, Math.Max(clients, operations / 10), call);
        var rates = new List<double>();
        for (int round = 0; round < Rounds; round++)
        {
            TimeSpan elapsed = await RoundAsync(clients, operations, call);
            rates.Add(operations / elapsed.TotalSeconds);
        }

        rates.Sort();
        double median = rates[Rounds / 2];
        Console.WriteLine($"{store,-10} {operation,-15} {clients,7} {median,10:F0} {clients * 1000 / median,9:F2}");
    }

    private static async Task<TimeSpan> RoundAsync(int clients, int operations, Func<int, int, Task> call)
    {
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (int i = client; i < operations; i += clients)
            {
                await call(client, i);
            }
        }));
        return stopwatch.Elapsed;
    }

    private static string Message(int i) => JsonSerializer.Serialize(new { role = "user", content = $"message {i}: the quick brown fox jumps over the lazy dog" });

    private static async Task<string> IdAsync(HttpClient http, string path, string json)
    {
        using HttpResponseMessage response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        await using Stream body = await response.Content.ReadAsStreamAsync();
        using JsonDocument document = await JsonDocument.ParseAsync(body);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task GetAsync(HttpClient http, string path)
    {
        using HttpResponseMessage response = await http.GetAsync(path);
        response.EnsureSuccessStatusCode();
        await response.Content.LoadIntoBufferAsync();
    }
}
