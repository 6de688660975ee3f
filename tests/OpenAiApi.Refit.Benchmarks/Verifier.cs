using System.Text.Json;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>
/// <c>--verify</c>: runs every scenario once per client, keeping every id and text, and checks that the three clients got the same
/// ids, counts and text, that these are what the canned server holds, and that each client sent the same requests (method, path,
/// cursor, key, beta header, body). A benchmark of a client that silently did less would be worthless; the run stops here if any
/// check fails.
/// </summary>
internal static class Verifier
{
    private delegate Task Scenario(Clients clients, Sink sink);

    public static async Task<bool> RunAsync(TextWriter output)
    {
        var failures = new List<string>();
        await CheckAsync("GetRun", Scenarios.GetRunBaseline, Scenarios.GetRunOfficial, Scenarios.GetRunOurs, 1, failures, (sink, fail) =>
        {
            Expect(sink.Ids.SequenceEqual([Payloads.RunId]), "run id", fail);
            Expect(sink.Text.ToString().StartsWith("completed|asst_bench0001|4|1629|cus_48213|You are the support assistant", StringComparison.Ordinal), $"run fields: {Head(sink.Text.ToString())}", fail);
        }).ConfigureAwait(false);

        await CheckAsync("ListMessages", Scenarios.ListMessagesBaseline, Scenarios.ListMessagesOfficial, Scenarios.ListMessagesOurs, 1, failures, (sink, fail) =>
        {
            Expect(sink.Items == Payloads.ListSize, $"{sink.Items} messages, expected {Payloads.ListSize}", fail);
            Expect(sink.Ids.SequenceEqual(Enumerable.Range(0, Payloads.ListSize).Select(Payloads.MessageId)), "message ids", fail);
            Expect(sink.Text.ToString() == string.Concat(Enumerable.Range(0, Payloads.ListSize).Select(i => Payloads.MessageText(i) + '\u241E')), "message texts", fail);
        }).ConfigureAwait(false);

        await CheckAsync("CreateMessage", Scenarios.CreateMessageBaseline, Scenarios.CreateMessageOfficial, Scenarios.CreateMessageOurs, 1, failures, (sink, fail) =>
        {
            Expect(sink.Ids.SequenceEqual([Payloads.CreatedMessageId]), "created message id", fail);
            Expect(sink.Text.ToString() == Payloads.CreateMessageText + '\u241E', "created message text", fail);
        }).ConfigureAwait(false);

        await CheckAsync("StreamRun", Scenarios.StreamRunBaseline, Scenarios.StreamRunOfficial, Scenarios.StreamRunOurs, 1, failures, (sink, fail) =>
        {
            Expect(sink.Text.ToString() == Payloads.StreamText(), "streamed text", fail);
            Expect(sink.Items == Payloads.DeltaCount, $"{sink.Items} text deltas, expected {Payloads.DeltaCount}", fail);
            Expect(sink.Ids.Count == Payloads.StreamEventCount - Payloads.DeltaCount - 1, $"{sink.Ids.Count} non-delta events, expected {Payloads.StreamEventCount - Payloads.DeltaCount - 1}", fail);
            Expect(sink.Ids.LastOrDefault() == $"thread.run.completed:{Payloads.RunId}:completed", $"last event {sink.Ids.LastOrDefault()}", fail);
        }).ConfigureAwait(false);

        await CheckAsync("GetAllMessages", Scenarios.GetAllMessagesBaseline, Scenarios.GetAllMessagesOfficial, Scenarios.GetAllMessagesOurs, Payloads.PageCount, failures, (sink, fail) =>
        {
            int total = Payloads.PageCount * Payloads.PageSize;
            Expect(sink.Items == total, $"{sink.Items} messages, expected {total}", fail);
            Expect(sink.Ids.SequenceEqual(Enumerable.Range(0, total).Select(Payloads.MessageId)), "message ids across pages", fail);
            Expect(sink.TextLength == Enumerable.Range(0, total).Sum(i => (long)Payloads.MessageText(i).Length), "message text length", fail);
        }).ConfigureAwait(false);

        foreach (string failure in failures)
        {
            output.WriteLine("FAIL " + failure);
        }

        output.WriteLine(failures.Count == 0 ? "verify: all 5 scenarios agree across Baseline, Official and OpenAiApiRefit" : $"verify: {failures.Count} failure(s)");
        return failures.Count == 0;
    }

    private static async Task CheckAsync(
        string name, Scenario baseline, Scenario official, Scenario ours, int expectedRequests, List<string> failures, Action<Sink, Action<string>> check)
    {
        var sinks = new Dictionary<string, Sink>();
        using Clients clients = Clients.Create(record: true);
        foreach ((string client, Scenario scenario, CannedHandler handler) in new[]
        {
            ("Baseline", baseline, clients.BaselineHandler),
            ("Official", official, clients.OfficialHandler),
            ("OpenAiApiRefit", ours, clients.OursHandler),
        })
        {
            void Fail(string what) => failures.Add($"{name}/{client}: {what}");
            var sink = new Sink(keep: true);
            try
            {
                await scenario(clients, sink).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                Fail($"threw {ex}");
                continue;
            }

            sinks[client] = sink;
            Console.WriteLine($"verify {name,-15} {client,-15} {handler.Requests.Count,4} request(s) {sink.Items,6} item(s) {sink.TextLength,9} chars {sink.Ids.Count,6} id(s)");
            check(sink, Fail);
            CheckRequests(name, handler.Requests, expectedRequests, Fail);
        }

        if (sinks.TryGetValue("Baseline", out Sink? reference))
        {
            foreach ((string client, Sink sink) in sinks)
            {
                Expect(sink.Items == reference.Items && sink.TextLength == reference.TextLength && sink.Ids.SequenceEqual(reference.Ids)
                    && sink.Text.ToString() == reference.Text.ToString(),
                    $"differs from Baseline (items {sink.Items} vs {reference.Items}, text {sink.TextLength} vs {reference.TextLength}, " +
                    $"ids [{string.Join(", ", sink.Ids.Take(12))}] vs [{string.Join(", ", reference.Ids.Take(12))}])",
                    what => failures.Add($"{name}/{client}: {what}"));
            }
        }
    }

    private static void CheckRequests(string name, List<RecordedRequest> requests, int expected, Action<string> fail)
    {
        Expect(requests.Count == expected, $"{requests.Count} requests, expected {expected}", fail);
        for (int i = 0; i < requests.Count; i++)
        {
            RecordedRequest r = requests[i];
            Expect(r.Authorization == "Bearer " + Payloads.ApiKey, $"request {i}: Authorization '{r.Authorization}'", fail);
            Expect(r.Beta == "assistants=v2", $"request {i}: OpenAI-Beta '{r.Beta}'", fail);
            string path = r.PathAndQuery.Split('?')[0];
            string query = r.PathAndQuery.Contains('?', StringComparison.Ordinal) ? r.PathAndQuery[(r.PathAndQuery.IndexOf('?', StringComparison.Ordinal) + 1)..] : "";
            string[] pairs = query.Split('&', StringSplitOptions.RemoveEmptyEntries);
            switch (name)
            {
                case "GetRun":
                    Expect(r.Method == "GET" && path == $"/v1/threads/{Payloads.StreamThreadId}/runs/{Payloads.RunId}", $"request {r.Method} {r.PathAndQuery}", fail);
                    break;
                case "ListMessages":
                    Expect(r.Method == "GET" && path == $"/v1/threads/{Payloads.ListThreadId}/messages" && pairs.Contains("limit=100"), $"request {r.Method} {r.PathAndQuery}", fail);
                    break;
                case "GetAllMessages":
                    string expectedCursor = i == 0 ? "" : "after=" + Payloads.MessageId((i * Payloads.PageSize) - 1);
                    Expect(r.Method == "GET" && path == $"/v1/threads/{Payloads.PagedThreadId}/messages" && pairs.Contains("limit=100")
                        && (i == 0 ? !pairs.Any(p => p.StartsWith("after=", StringComparison.Ordinal)) : pairs.Contains(expectedCursor)),
                        $"request {i} {r.Method} {r.PathAndQuery}", fail);
                    break;
                case "CreateMessage":
                    Expect(r.Method == "POST" && path == $"/v1/threads/{Payloads.CreateThreadId}/messages", $"request {r.Method} {r.PathAndQuery}", fail);
                    CheckCreateMessageBody(r.Body, fail);
                    break;
                case "StreamRun":
                    Expect(r.Method == "POST" && path == $"/v1/threads/{Payloads.StreamThreadId}/runs", $"request {r.Method} {r.PathAndQuery}", fail);
                    using (JsonDocument body = JsonDocument.Parse(r.Body ?? []))
                    {
                        Expect(body.RootElement.GetProperty("assistant_id").GetString() == Payloads.AssistantId, "body assistant_id", fail);
                        Expect(body.RootElement.GetProperty("stream").GetBoolean(), "body stream", fail);
                    }

                    break;
            }
        }
    }

    private static void CheckCreateMessageBody(byte[]? bytes, Action<string> fail)
    {
        using JsonDocument body = JsonDocument.Parse(bytes ?? []);
        JsonElement root = body.RootElement;
        Expect(root.GetProperty("role").GetString() == "user", "body role", fail);
        JsonElement content = root.GetProperty("content");
        string? text = content.ValueKind == JsonValueKind.String
            ? content.GetString()
            : content.GetArrayLength() == 1 && content[0].GetProperty("type").GetString() == "text" ? content[0].GetProperty("text").GetString() : null;
        Expect(text == Payloads.CreateMessageText, "body content", fail);
        Expect(root.GetProperty("metadata").GetProperty("source").GetString() == "web-chat", "body metadata", fail);
    }

    private static void Expect(bool condition, string what, Action<string> fail)
    {
        if (!condition)
        {
            fail(what);
        }
    }

    private static string Head(string text) => text.Length <= 120 ? text : text[..120] + "…";
}
