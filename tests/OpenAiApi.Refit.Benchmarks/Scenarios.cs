using System.Globalization;
using System.Text;
using OpenAiApi.Refit.Benchmarks.Baseline;
using OpenAiApi.Refit.Models;
using OpenAiApi.Refit.Streaming;
using Official = OpenAI.Assistants;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>What a scenario saw. In a benchmark only counts and lengths are kept (cheap and the same for every client); with
/// <see cref="Keep"/> set (<c>--verify</c>) every id and text is kept for comparison.</summary>
internal sealed class Sink
{
    public Sink(bool keep)
    {
        Keep = keep;
    }

    public bool Keep { get; }

    public int Items { get; private set; }

    public long TextLength { get; private set; }

    public List<string> Ids { get; } = [];

    public StringBuilder Text { get; } = new();

    public void Reset()
    {
        Items = 0;
        TextLength = 0;
        Ids.Clear();
        Text.Clear();
    }

    public void Item(string id, string? text)
    {
        Items++;
        TextLength += text?.Length ?? 0;
        if (Keep)
        {
            Ids.Add(id);
            Text.Append(text).Append('\u241E');
        }
    }

    /// <summary>A streamed text fragment: counted and appended, with no separator, so the fragments add up to the whole text.</summary>
    public void Fragment(string? text)
    {
        Items++;
        TextLength += text?.Length ?? 0;
        if (Keep)
        {
            Text.Append(text);
        }
    }

    public void Mark(string id)
    {
        if (Keep)
        {
            Ids.Add(id);
        }
    }
}

/// <summary>The five scenarios, once per client. Each consumes everything it gets (every item, every event) into a <see cref="Sink"/>.</summary>
internal static class Scenarios
{
    // ---- GetRun ----

    public static async Task GetRunBaseline(Clients c, Sink sink)
    {
        BRun run = await c.Baseline.GetRunAsync(Payloads.StreamThreadId, Payloads.RunId).ConfigureAwait(false);
        sink.Item(run.Id, sink.Keep ? Describe(run.Status, run.AssistantId, run.Tools.Count, run.Usage?.TotalTokens, run.Instructions, run.Metadata?["customer"]) : run.Status);
    }

    public static async Task GetRunOfficial(Clients c, Sink sink)
    {
        Official.ThreadRun run = (await c.Official.GetRunAsync(Payloads.StreamThreadId, Payloads.RunId).ConfigureAwait(false)).Value;
        sink.Item(run.Id, sink.Keep ? Describe(run.Status.ToString(), run.AssistantId, run.Tools.Count, run.Usage?.TotalTokenCount, run.Instructions, run.Metadata["customer"]) : run.Status.ToString());
    }

    public static async Task GetRunOurs(Clients c, Sink sink)
    {
        ThreadRun run = await c.Runs.GetRunAsync(Payloads.StreamThreadId, Payloads.RunId).ConfigureAwait(false);
        sink.Item(run.Id, sink.Keep ? Describe(run.Status?.Value, run.AssistantId, run.Tools.Count, run.Usage?.TotalTokens, run.Instructions, run.Metadata?["customer"]) : run.Status?.Value);
    }

    /// <summary>Probe only (not a benchmark): GetRun through our HttpClient and every handler of our pipeline, the request built and
    /// the body read by hand with the library's own JSON metadata, so that GetRunOurs minus this is what Refit adds per call.</summary>
    public static async Task GetRunRefitless(Clients c, Sink sink)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, RefitlessRunPath);
        request.Headers.TryAddWithoutValidation("OpenAI-Beta", "assistants=v2");
        using HttpResponseMessage response = await c.OursHttpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        Stream body = await response.Content.ReadAsStreamAsync().ConfigureAwait(false);
        await using (body.ConfigureAwait(false))
        {
            ThreadRun run = (await System.Text.Json.JsonSerializer.DeserializeAsync(body, LibraryRunTypeInfo).ConfigureAwait(false))!;
            sink.Item(run.Id, run.Status?.Value);
        }
    }

    private static readonly Uri RefitlessRunPath = new($"threads/{Payloads.StreamThreadId}/runs/{Payloads.RunId}", UriKind.Relative);

    /// <summary>The library's source-generated type info for <see cref="ThreadRun"/> (its context is internal; found once, by name).</summary>
    private static readonly System.Text.Json.Serialization.Metadata.JsonTypeInfo<ThreadRun> LibraryRunTypeInfo =
        (System.Text.Json.Serialization.Metadata.JsonTypeInfo<ThreadRun>)((System.Text.Json.Serialization.JsonSerializerContext)typeof(ThreadRun).Assembly
            .GetType("OpenAiApi.Refit.Serialization.OpenAIJsonContext", throwOnError: true)!
            .GetProperty("Default")!.GetValue(null)!).GetTypeInfo(typeof(ThreadRun))!;

    // ---- ListMessages (one page of 100) ----

    public static async Task ListMessagesBaseline(Clients c, Sink sink)
    {
        BPage<BMessage> page = await c.Baseline.ListMessagesAsync(Payloads.ListThreadId, Payloads.ListSize).ConfigureAwait(false);
        foreach (BMessage m in page.Data)
        {
            sink.Item(m.Id, (m.Content[0] as BTextContent)?.Text?.Value);
        }
    }

    public static async Task ListMessagesOfficial(Clients c, Sink sink)
    {
        // The page says has_more: false, so the SDK's collection sends exactly one request.
        await foreach (Official.ThreadMessage m in c.Official.GetMessagesAsync(Payloads.ListThreadId, new Official.MessageCollectionOptions { PageSizeLimit = Payloads.ListSize }).ConfigureAwait(false))
        {
            sink.Item(m.Id, m.Content[0].Text);
        }
    }

    public static async Task ListMessagesOurs(Clients c, Sink sink)
    {
        CursorPage<ThreadMessage> page = await c.Messages.ListMessagesAsync(Payloads.ListThreadId, new MessageCollectionOptions { Limit = Payloads.ListSize }).ConfigureAwait(false);
        foreach (ThreadMessage m in page.Data)
        {
            sink.Item(m.Id, (m.Content[0] as TextMessageContent)?.Text?.Value);
        }
    }

    // ---- CreateMessage ----

    public static async Task CreateMessageBaseline(Clients c, Sink sink)
    {
        BMessage m = await c.Baseline.CreateMessageAsync(
            Payloads.CreateThreadId,
            new BCreateMessage { Role = "user", Content = Payloads.CreateMessageText, Metadata = new() { ["source"] = "web-chat" } }).ConfigureAwait(false);
        sink.Item(m.Id, (m.Content[0] as BTextContent)?.Text?.Value);
    }

    public static async Task CreateMessageOfficial(Clients c, Sink sink)
    {
        var options = new Official.MessageCreationOptions();
        options.Metadata["source"] = "web-chat";
        Official.ThreadMessage m = (await c.Official.CreateMessageAsync(
            Payloads.CreateThreadId, Official.MessageRole.User, [Official.MessageContent.FromText(Payloads.CreateMessageText)], options).ConfigureAwait(false)).Value;
        sink.Item(m.Id, m.Content[0].Text);
    }

    public static async Task CreateMessageOurs(Clients c, Sink sink)
    {
        MessageCreationOptions options = MessageCreationOptions.User(Payloads.CreateMessageText);
        options.Metadata = new Dictionary<string, string> { ["source"] = "web-chat" };
        ThreadMessage m = await c.Messages.CreateMessageAsync(Payloads.CreateThreadId, options).ConfigureAwait(false);
        sink.Item(m.Id, (m.Content[0] as TextMessageContent)?.Text?.Value);
    }

    // ---- StreamRun (1,000 text deltas) ----

    public static async Task StreamRunBaseline(Clients c, Sink sink)
    {
        await foreach (BStreamEvent e in c.Baseline.CreateRunStreamingAsync(Payloads.StreamThreadId, Payloads.AssistantId).ConfigureAwait(false))
        {
            if (e.Delta is { } delta)
            {
                foreach (BDeltaContent part in delta.Delta?.Content ?? [])
                {
                    sink.Fragment(part.Text?.Value);
                }
            }
            else if (e.Run is { } run)
            {
                sink.Mark($"{e.EventType}:{run.Id}:{run.Status}");
            }
            else if (e.Message is { } message)
            {
                sink.Mark($"{e.EventType}:{message.Id}");
            }
            else if (e.Step is { } step)
            {
                sink.Mark($"{e.EventType}:{step.Id}");
            }
        }
    }

    public static async Task StreamRunOfficial(Clients c, Sink sink)
    {
        await using var updates = await c.Official.CreateRunStreamingAsync(Payloads.StreamThreadId, Payloads.AssistantId, new Official.RunCreationOptions()).ConfigureAwait(false);
        await foreach (Official.StreamingUpdate u in updates)
        {
            switch (u)
            {
                case Official.MessageContentUpdate content:
                    sink.Fragment(content.Text);
                    break;
                case Official.RunUpdate run:
                    sink.Mark($"{EventName(u.UpdateKind)}:{run.Value.Id}:{run.Value.Status}");
                    break;
                case Official.MessageStatusUpdate message:
                    sink.Mark($"{EventName(u.UpdateKind)}:{message.Value.Id}");
                    break;
                case Official.RunStepUpdate step:
                    sink.Mark($"{EventName(u.UpdateKind)}:{step.Value.Id}");
                    break;
            }
        }
    }

    public static async Task StreamRunOurs(Clients c, Sink sink)
    {
        await foreach (RunStreamEvent e in c.Runs.CreateRunStreamingAsync(Payloads.StreamThreadId, new RunCreationOptions(Payloads.AssistantId)).ConfigureAwait(false))
        {
            switch (e)
            {
                case MessageDeltaStreamEvent delta:
                    sink.Fragment(delta.Text);
                    break;
                case RunStatusStreamEvent run:
                    sink.Mark($"{e.EventName}:{run.Run.Id}:{run.Run.Status?.Value}");
                    break;
                case MessageStreamEvent message:
                    sink.Mark($"{e.EventName}:{message.Message.Id}");
                    break;
                case RunStepStreamEvent step:
                    sink.Mark($"{e.EventName}:{step.RunStep.Id}");
                    break;
            }
        }
    }

    // ---- GetAllMessages (100 pages of 100) ----

    public static async Task GetAllMessagesBaseline(Clients c, Sink sink)
    {
        await foreach (BMessage m in c.Baseline.GetAllMessagesAsync(Payloads.PagedThreadId, Payloads.PageSize).ConfigureAwait(false))
        {
            sink.Item(m.Id, (m.Content[0] as BTextContent)?.Text?.Value);
        }
    }

    public static async Task GetAllMessagesOfficial(Clients c, Sink sink)
    {
        await foreach (Official.ThreadMessage m in c.Official.GetMessagesAsync(Payloads.PagedThreadId, new Official.MessageCollectionOptions { PageSizeLimit = Payloads.PageSize }).ConfigureAwait(false))
        {
            sink.Item(m.Id, m.Content[0].Text);
        }
    }

    public static async Task GetAllMessagesOurs(Clients c, Sink sink)
    {
        await foreach (ThreadMessage m in c.Messages.GetAllMessagesAsync(Payloads.PagedThreadId, new MessageCollectionOptions { Limit = Payloads.PageSize }).ConfigureAwait(false))
        {
            sink.Item(m.Id, (m.Content[0] as TextMessageContent)?.Text?.Value);
        }
    }

    private static string Describe(string? status, string? assistantId, int tools, int? totalTokens, string? instructions, string? customer) =>
        string.Create(CultureInfo.InvariantCulture, $"{status}|{assistantId}|{tools}|{totalTokens}|{customer}|{instructions}");

    /// <summary>The wire name of an official SDK update kind (its enum names differ from the wire's).</summary>
    private static string EventName(Official.StreamingUpdateReason kind) => kind switch
    {
        Official.StreamingUpdateReason.RunCreated => "thread.run.created",
        Official.StreamingUpdateReason.RunQueued => "thread.run.queued",
        Official.StreamingUpdateReason.RunInProgress => "thread.run.in_progress",
        Official.StreamingUpdateReason.RunCompleted => "thread.run.completed",
        Official.StreamingUpdateReason.RunStepCreated => "thread.run.step.created",
        Official.StreamingUpdateReason.RunStepInProgress => "thread.run.step.in_progress",
        Official.StreamingUpdateReason.RunStepCompleted => "thread.run.step.completed",
        Official.StreamingUpdateReason.MessageCreated => "thread.message.created",
        Official.StreamingUpdateReason.MessageInProgress => "thread.message.in_progress",
        Official.StreamingUpdateReason.MessageCompleted => "thread.message.completed",
        _ => kind.ToString(),
    };
}
