using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// The deterministic "model" behind every run. Same thread, same tools, same answer — no randomness, no clock.
/// </summary>
/// <remarks>
/// <para>The rule, applied whenever a run is ready for its next step (when it starts, and again after tool outputs arrive):</para>
/// <list type="number">
/// <item>Unless <c>tool_choice</c> is <c>none</c>, the function tools of the run are considered. A function is <em>named</em>
/// when the last user message contains its name as a whole word (case-insensitive; so "call get_weather" works). The named
/// functions not yet called in this run are called, in the order the message names them (only the first with
/// <c>parallel_tool_calls: false</c>, so naming two functions takes two tool rounds). When the message names none and the run
/// has called none yet, the run's first function is called if <c>tool_choice</c> is <c>required</c>. <c>tool_choice</c> naming
/// a function forces that function, once. The run then goes to <c>requires_action</c>.</item>
/// <item>A call's arguments are the <c>key=value</c> pairs of the last user message (<c>city=Paris</c>,
/// <c>city="New York"</c>, <c>days=3</c>, <c>metric=true</c>): numbers and booleans become JSON numbers and booleans, the rest
/// strings. When the function declares properties (<c>parameters.properties</c> not empty), only those keys are used. No pairs:
/// <c>{}</c>.</item>
/// <item>Otherwise, when the run has called tools, the reply is one line per call: <c>The tool {name} returned: {output}</c>;
/// else it is <c>Echo: {last user message}</c>, or <c>Hello! I am the Assistants emulator.</c> when the thread has no user
/// message.</item>
/// </list>
/// <para>Token counts are <c>ceil(characters / 4)</c>: the prompt counts the instructions and every message of the thread, the
/// completion counts the reply (or the calls' names and arguments).</para>
/// </remarks>
internal static partial class ScriptedModel
{
    public const string Greeting = "Hello! I am the Assistants emulator.";

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>Decides the next step of a run.</summary>
    /// <param name="thread">The thread (read under its lock).</param>
    /// <param name="run">The run.</param>
    /// <returns>The decision.</returns>
    public static ScriptedDecision Decide(ThreadRecord thread, RunRecord run)
    {
        List<ToolCallRecord> answered = [.. run.Steps
            .Where(static s => s.Type == RunStepKind.ToolCalls && s.Status == RunStepStatus.Completed)
            .SelectMany(static s => s.ToolCalls)];
        string? lastUser = thread.Messages.LastOrDefault(static m => m.Role == MessageRole.User)?.PlainText;
        if (run.ToolChoice.Mode != "none")
        {
            List<FunctionToolDefinition> functions = [.. run.Tools.OfType<FunctionToolDefinition>()];
            List<FunctionToolDefinition> calls = ChooseFunctions(functions, run, lastUser ?? string.Empty, answered);
            if (calls.Count > 0)
            {
                return new ScriptedDecision(null, [.. calls.Select(f => new ToolCallRecord
                {
                    Id = Ids.New("call_"),
                    Name = f.Function.Name,
                    Arguments = BuildArguments(f, lastUser ?? string.Empty),
                })]);
            }
        }

        if (answered.Count > 0)
        {
            return new ScriptedDecision(string.Join('\n', answered.Select(static c => $"The tool {c.Name} returned: {c.Output}")), null);
        }

        return new ScriptedDecision(lastUser is null ? Greeting : "Echo: " + lastUser, null);
    }

    /// <summary>Counts tokens the emulator's way: one per four characters, rounded up.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The count.</returns>
    public static int CountTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    /// <summary>Splits a reply into the chunks streamed as message deltas: each word with the whitespace that follows it. Lazy and
    /// linear: the stream cuts and sends one chunk at a time, outside the thread's lock.</summary>
    /// <param name="reply">The reply.</param>
    /// <returns>The chunks; concatenated, they are the reply.</returns>
    public static IEnumerable<string> Chunk(string reply)
    {
        int start = 0;
        for (int i = 0; i < reply.Length; i++)
        {
            bool boundary = char.IsWhiteSpace(reply[i]) && (i + 1 == reply.Length || !char.IsWhiteSpace(reply[i + 1]));
            if (boundary)
            {
                yield return reply[start..(i + 1)];
                start = i + 1;
            }
        }

        if (start < reply.Length)
        {
            yield return reply[start..];
        }
    }

    private static List<FunctionToolDefinition> ChooseFunctions(
        List<FunctionToolDefinition> functions, RunRecord run, string message, List<ToolCallRecord> answered)
    {
        if (functions.Count == 0)
        {
            return [];
        }

        if (run.ToolChoice is { IsSpecificTool: true, Type: "function", FunctionName: string forced })
        {
            return answered.Count > 0 ? [] : [.. functions.Where(f => f.Function.Name == forced).Take(1)];
        }

        List<FunctionToolDefinition> named = [.. functions
            .Select(f => (Function: f, Index: IndexOfWord(message, f.Function.Name)))
            .Where(static x => x.Index >= 0)
            .OrderBy(static x => x.Index)
            .Select(static x => x.Function)];
        List<FunctionToolDefinition> requested = [.. named.Where(f => !answered.Any(c => c.Name == f.Function.Name))];
        if (named.Count == 0 && answered.Count == 0 && run.ToolChoice.Mode == "required")
        {
            requested.Add(functions[0]);
        }

        return run.ParallelToolCalls ? requested : [.. requested.Take(1)];
    }

    private static int IndexOfWord(string text, string word)
    {
        int from = 0;
        while (from <= text.Length - word.Length)
        {
            int index = text.IndexOf(word, from, StringComparison.OrdinalIgnoreCase);
            if (index < 0)
            {
                return -1;
            }

            bool startsWord = index == 0 || !NameChars.Contains(text[index - 1]);
            bool endsWord = index + word.Length == text.Length || !NameChars.Contains(text[index + word.Length]);
            if (startsWord && endsWord)
            {
                return index;
            }

            from = index + 1;
        }

        return -1;
    }

    private static string BuildArguments(FunctionToolDefinition function, string message)
    {
        HashSet<string>? allowed = null;
        if (function.Function.Parameters is { ValueKind: JsonValueKind.Object } schema
            && schema.TryGetProperty("properties", out JsonElement properties)
            && properties.ValueKind == JsonValueKind.Object
            && properties.EnumerateObject().Any())
        {
            allowed = [.. properties.EnumerateObject().Select(static p => p.Name)];
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach (Match match in KeyValuePair().Matches(message))
            {
                string key = match.Groups["key"].Value;
                if ((allowed is not null && !allowed.Contains(key)) || !seen.Add(key))
                {
                    continue;
                }

                if (match.Groups["quoted"].Success)
                {
                    writer.WriteString(key, match.Groups["quoted"].Value);
                    continue;
                }

                string raw = match.Groups["bare"].Value.TrimEnd('.', ',', ';', '!', '?', ')');
                if (long.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
                {
                    writer.WriteNumber(key, integer);
                }
                else if (double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) && double.IsFinite(number))
                {
                    writer.WriteNumber(key, number);
                }
                else if (raw is "true" or "false")
                {
                    writer.WriteBoolean(key, raw == "true");
                }
                else
                {
                    writer.WriteString(key, raw);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [GeneratedRegex("""(?<![A-Za-z0-9_])(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?<quoted>[^"]*)"|(?<bare>[^\s"]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePair();
}
