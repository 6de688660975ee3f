using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace OpenAiApi.Refit.Benchmarks;

/// <summary>
/// The canned server answers every client reads, built once, deterministically, in the shapes of the Assistants API v2 spec:
/// a 2 KB run, a page of 100 messages (~100 KB), a created message (~0.7 KB), a streamed run of 1,000 text deltas (~190 KB of SSE)
/// and 100 pages of 100 messages linked by cursors.
/// </summary>
internal static class Payloads
{
    public const string ApiKey = "bench-key-0123456789abcdef";
    public const string AssistantId = "asst_bench0001";
    public const string RunId = "run_bench0001";
    public const string ListThreadId = "thread_list0001";
    public const string PagedThreadId = "thread_paged001";
    public const string StreamThreadId = "thread_stream01";
    public const string CreateThreadId = "thread_create01";
    public const string StreamMessageId = "msg_stream0001";
    public const string CreatedMessageId = "msg_created001";
    public const int ListSize = 100;
    public const int PageCount = 100;
    public const int PageSize = 100;
    public const int DeltaCount = 1000;

    /// <summary>The text of the message the create-message scenario sends.</summary>
    public const string CreateMessageText =
        "My order #48213 was due on Monday and has not arrived. The tracking page has said 'label created' for five days. " +
        "Can you tell me where it is, and whether I can get a refund of the shipping fee if it is late? I paid for express " +
        "delivery because it is a birthday present, so if it cannot arrive by Saturday I would rather cancel the order.";

    public static readonly Uri BaseAddress = new("https://api.bench.invalid/v1/");

    public static byte[] Run { get; } = Json(w => WriteRun(w, "completed"));

    public static byte[] MessageList { get; } = Json(w => WritePage(w, ListThreadId, 0, ListSize, hasMore: false));

    public static byte[] CreatedMessage { get; } = Json(w => WriteMessage(w, CreatedMessageId, CreateThreadId, "user", CreateMessageText, null));

    public static byte[] RunStream { get; } = BuildStream();

    /// <summary>The pages of the paged thread, by the <c>after</c> cursor that asks for them (<c>""</c> for the first page).</summary>
    public static IReadOnlyDictionary<string, byte[]> Pages { get; } = BuildPages();

    /// <summary>The text of delta <paramref name="i"/> of the stream.</summary>
    public static string DeltaText(int i) => string.Create(CultureInfo.InvariantCulture, $"tok {i:D4} ");

    /// <summary>The id of message <paramref name="i"/> of a list.</summary>
    public static string MessageId(int i) => string.Create(CultureInfo.InvariantCulture, $"msg_{i:D8}");

    public static string MessageText(int i) => string.Create(CultureInfo.InvariantCulture, $"Message {i}: ") + Filler;

    private const string Filler =
        "Thanks for waiting. I looked the order up: it left the warehouse on Tuesday and the carrier scanned it at the regional hub " +
        "this morning, so it should reach you within two working days. The shipping fee is refunded automatically when a parcel is " +
        "more than three days late; you will see it on the card you paid with. If it has not arrived by Friday, reply here and I will " +
        "open a claim with the carrier and send a replacement at no cost. Is there anything else about this order I can help with? " +
        "You can also follow the parcel yourself on the carrier's site with the tracking number in your confirmation e-mail.";

    private static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteRun(Utf8JsonWriter w, string status)
    {
        bool done = status == "completed";
        w.WriteStartObject();
        w.WriteString("id", RunId);
        w.WriteString("object", "thread.run");
        w.WriteNumber("created_at", 1_760_000_000);
        w.WriteString("assistant_id", AssistantId);
        w.WriteString("thread_id", StreamThreadId);
        w.WriteString("status", status);
        NumberOrNull(w, "started_at", status == "queued" ? null : 1_760_000_001);
        NumberOrNull(w, "expires_at", done ? null : 1_760_000_600);
        w.WriteNull("cancelled_at");
        w.WriteNull("failed_at");
        NumberOrNull(w, "completed_at", done ? 1_760_000_042 : null);
        w.WriteNull("required_action");
        w.WriteNull("last_error");
        w.WriteString("model", "gpt-4o-2024-08-06");
        w.WriteString("instructions",
            "You are the support assistant of an online shop. Answer in the customer's language, in at most five sentences. " +
            "Look orders up with get_order before you say anything about them, never guess a date or an amount, and never promise " +
            "a refund the policy does not give. Use file_search on the policy documents for questions about returns, warranty and " +
            "shipping; quote the rule you apply. Use the code interpreter only for arithmetic on amounts. If the customer is angry, " +
            "apologise once, then solve the problem. Hand over to a human (call escalate) when the customer asks for one, when the " +
            "order is over 500 EUR, or when you cannot answer after two tries.");
        w.WriteStartArray("tools");
        w.WriteStartObject();
        w.WriteString("type", "code_interpreter");
        w.WriteEndObject();
        w.WriteStartObject();
        w.WriteString("type", "file_search");
        w.WriteStartObject("file_search");
        w.WriteNumber("max_num_results", 20);
        w.WriteStartObject("ranking_options");
        w.WriteString("ranker", "default_2024_08_21");
        w.WriteNumber("score_threshold", 0.5);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        WriteFunction(w, "get_order", "Gets an order of the current customer by its number: items, amounts, status and tracking.", "order_number", "The order number, without '#'.");
        WriteFunction(w, "escalate", "Hands the conversation over to a human agent, with a one-line summary of the problem.", "summary", "What the customer needs, in one line.");
        w.WriteEndArray();
        w.WriteStartObject("metadata");
        w.WriteString("customer", "cus_48213");
        w.WriteString("channel", "web-chat");
        w.WriteEndObject();
        w.WriteNull("incomplete_details");
        if (done)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", 1342);
            w.WriteNumber("completion_tokens", 287);
            w.WriteNumber("total_tokens", 1629);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteNumber("temperature", 0.7);
        w.WriteNumber("top_p", 1.0);
        w.WriteNumber("max_prompt_tokens", 20000);
        w.WriteNumber("max_completion_tokens", 2000);
        w.WriteStartObject("truncation_strategy");
        w.WriteString("type", "auto");
        w.WriteNull("last_messages");
        w.WriteEndObject();
        w.WriteString("response_format", "auto");
        w.WriteString("tool_choice", "auto");
        w.WriteBoolean("parallel_tool_calls", true);
        w.WriteEndObject();
    }

    private static void WriteFunction(Utf8JsonWriter w, string name, string description, string parameter, string parameterDescription)
    {
        w.WriteStartObject();
        w.WriteString("type", "function");
        w.WriteStartObject("function");
        w.WriteString("name", name);
        w.WriteString("description", description);
        w.WriteStartObject("parameters");
        w.WriteString("type", "object");
        w.WriteStartObject("properties");
        w.WriteStartObject(parameter);
        w.WriteString("type", "string");
        w.WriteString("description", parameterDescription);
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteStartArray("required");
        w.WriteStringValue(parameter);
        w.WriteEndArray();
        w.WriteBoolean("additionalProperties", false);
        w.WriteEndObject();
        w.WriteBoolean("strict", true);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void NumberOrNull(Utf8JsonWriter w, string name, long? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void WriteMessage(Utf8JsonWriter w, string id, string threadId, string role, string? text, string? status)
    {
        bool assistant = role == "assistant";
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "thread.message");
        w.WriteNumber("created_at", 1_760_000_010);
        if (assistant)
        {
            w.WriteString("assistant_id", AssistantId);
        }
        else
        {
            w.WriteNull("assistant_id");
        }

        w.WriteString("thread_id", threadId);
        if (assistant)
        {
            w.WriteString("run_id", RunId);
        }
        else
        {
            w.WriteNull("run_id");
        }

        w.WriteString("role", role);
        w.WriteString("status", status ?? "completed");
        w.WriteNull("incomplete_details");
        NumberOrNull(w, "completed_at", status is null or "completed" ? 1_760_000_020 : null);
        w.WriteNull("incomplete_at");
        w.WriteStartArray("content");
        if (text is not null)
        {
            w.WriteStartObject();
            w.WriteString("type", "text");
            w.WriteStartObject("text");
            w.WriteString("value", text);
            w.WriteStartArray("annotations");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("attachments");
        w.WriteEndArray();
        w.WriteStartObject("metadata");
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePage(Utf8JsonWriter w, string threadId, int first, int count, bool hasMore)
    {
        w.WriteStartObject();
        w.WriteString("object", "list");
        w.WriteStartArray("data");
        for (int i = first; i < first + count; i++)
        {
            WriteMessage(w, MessageId(i), threadId, i % 2 == 0 ? "assistant" : "user", MessageText(i), null);
        }

        w.WriteEndArray();
        w.WriteString("first_id", MessageId(first));
        w.WriteString("last_id", MessageId(first + count - 1));
        w.WriteBoolean("has_more", hasMore);
        w.WriteEndObject();
    }

    private static Dictionary<string, byte[]> BuildPages()
    {
        var pages = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int p = 0; p < PageCount; p++)
        {
            int first = p * PageSize;
            string cursor = p == 0 ? string.Empty : MessageId(first - 1);
            pages[cursor] = Json(w => WritePage(w, PagedThreadId, first, PageSize, hasMore: p < PageCount - 1));
        }

        return pages;
    }

    private static void WriteRunStep(Utf8JsonWriter w, string status)
    {
        bool done = status == "completed";
        w.WriteStartObject();
        w.WriteString("id", "step_bench0001");
        w.WriteString("object", "thread.run.step");
        w.WriteNumber("created_at", 1_760_000_002);
        w.WriteString("run_id", RunId);
        w.WriteString("assistant_id", AssistantId);
        w.WriteString("thread_id", StreamThreadId);
        w.WriteString("type", "message_creation");
        w.WriteString("status", status);
        w.WriteNull("cancelled_at");
        NumberOrNull(w, "completed_at", done ? 1_760_000_041 : null);
        NumberOrNull(w, "expires_at", done ? null : 1_760_000_600);
        w.WriteNull("failed_at");
        w.WriteNull("last_error");
        w.WriteStartObject("step_details");
        w.WriteString("type", "message_creation");
        w.WriteStartObject("message_creation");
        w.WriteString("message_id", StreamMessageId);
        w.WriteEndObject();
        w.WriteEndObject();
        if (done)
        {
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", 1342);
            w.WriteNumber("completion_tokens", 287);
            w.WriteNumber("total_tokens", 1629);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("usage");
        }

        w.WriteEndObject();
    }

    private static void WriteDelta(Utf8JsonWriter w, int i)
    {
        w.WriteStartObject();
        w.WriteString("id", StreamMessageId);
        w.WriteString("object", "thread.message.delta");
        w.WriteStartObject("delta");
        w.WriteStartArray("content");
        w.WriteStartObject();
        w.WriteNumber("index", 0);
        w.WriteString("type", "text");
        w.WriteStartObject("text");
        w.WriteString("value", DeltaText(i));
        if (i == 0)
        {
            w.WriteStartArray("annotations");
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static byte[] BuildStream()
    {
        var sse = new StringBuilder();
        void Event(string name, byte[] data) => sse.Append("event: ").Append(name).Append("\ndata: ").Append(Encoding.UTF8.GetString(data)).Append("\n\n");

        Event("thread.run.created", Json(w => WriteRun(w, "queued")));
        Event("thread.run.queued", Json(w => WriteRun(w, "queued")));
        Event("thread.run.in_progress", Json(w => WriteRun(w, "in_progress")));
        Event("thread.run.step.created", Json(w => WriteRunStep(w, "in_progress")));
        Event("thread.run.step.in_progress", Json(w => WriteRunStep(w, "in_progress")));
        Event("thread.message.created", Json(w => WriteMessage(w, StreamMessageId, StreamThreadId, "assistant", null, "in_progress")));
        Event("thread.message.in_progress", Json(w => WriteMessage(w, StreamMessageId, StreamThreadId, "assistant", null, "in_progress")));
        var full = new StringBuilder();
        for (int i = 0; i < DeltaCount; i++)
        {
            full.Append(DeltaText(i));
            Event("thread.message.delta", Json(w => WriteDelta(w, i)));
        }

        Event("thread.message.completed", Json(w => WriteMessage(w, StreamMessageId, StreamThreadId, "assistant", full.ToString(), "completed")));
        Event("thread.run.step.completed", Json(w => WriteRunStep(w, "completed")));
        Event("thread.run.completed", Json(w => WriteRun(w, "completed")));
        sse.Append("event: done\ndata: [DONE]\n\n");
        return Encoding.UTF8.GetBytes(sse.ToString());
    }

    /// <summary>The whole text the stream's deltas add up to.</summary>
    public static string StreamText()
    {
        var text = new StringBuilder();
        for (int i = 0; i < DeltaCount; i++)
        {
            text.Append(DeltaText(i));
        }

        return text.ToString();
    }

    /// <summary>The number of events of the stream, <c>done</c> included.</summary>
    public static int StreamEventCount => DeltaCount + 11;
}
