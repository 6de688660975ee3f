using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// The deterministic "model" behind every run unless a chat model is configured. Same thread, same tools, same answer — no
/// randomness, no clock. It answers at once (<see cref="IRunModel.AnswersAtOnce"/>), so the engine paces its runs on requests.
/// </summary>
/// <remarks>
/// <para>The rule, applied whenever a run is ready for its next step (when it starts, and again after tool outputs arrive):</para>
/// <list type="number">
/// <item>Unless <c>tool_choice</c> is <c>none</c>, the function tools of the run are considered. A function is <em>named</em>
/// when the last user message contains its name as a whole word (case-insensitive; so "call get_weather" works). The named
/// functions not yet called in this run are called, in the order the message names them (only the first with
/// <c>parallel_tool_calls: false</c>, so naming two functions takes two tool rounds). <c>tool_choice</c> naming a function
/// forces that function, once. The run then goes to <c>requires_action</c>.</item>
/// <item>When the message names none and the run has called none yet, one function is still called: the run's first with
/// <c>tool_choice: required</c>; with <c>auto</c>, when the message is a question (it ends with <c>?</c>), the function whose
/// name shares the most words with it (the name's parts between <c>_</c>, <c>-</c> and camel-case humps, four or more
/// characters, found as whole words, case-insensitive), the first on a tie, or, when no name shares a word, the run's only
/// function if it has exactly one.</item>
/// <item>A call's arguments are the <c>key=value</c> pairs of the last user message (<c>city=Paris</c>,
/// <c>city="New York"</c>, <c>days=3</c>, <c>metric=true</c>): numbers and booleans become JSON numbers and booleans, the rest
/// strings. When the function declares properties (<c>parameters.properties</c> not empty), only those keys are used. No pairs:
/// <c>{}</c>.</item>
/// <item>Otherwise, when the run has called tools, the reply is one line per call: <c>The tool {name} returned: {output}</c>;
/// else it is <c>Echo: {last user message}</c>, or <c>Hello! I am the Assistants emulator.</c> when the thread has no user
/// message.</item>
/// </list>
/// <para>Token counts are <c>ceil(characters / 4)</c>: the prompt counts the instructions and every message of the thread, the
/// completion counts the reply (or the calls' names and arguments). A reply longer than the completion tokens left in the run's
/// budget is cut there (finish reason <c>length</c>).</para>
/// </remarks>
internal sealed partial class ScriptedModel : IRunModel
{
    public const string Greeting = "Hello! I am the Assistants emulator.";

    private static readonly SearchValues<char> NameChars =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    private ScriptedModel()
    {
    }

    /// <summary>Gets the scripted model (it has no state).</summary>
    public static ScriptedModel Instance { get; } = new();

    /// <inheritdoc />
    public string Description => "the scripted model (deterministic, offline)";

    /// <inheritdoc />
    public bool AnswersAtOnce => true;

    /// <inheritdoc />
    public (int Index, string Type)? FirstUnsupportedTool(IReadOnlyList<ToolDefinition> tools) => null; // it ignores what it cannot run

    /// <inheritdoc />
    public IAsyncEnumerable<ChatResponseUpdate> RespondAsync(ModelTurn turn, CancellationToken cancellationToken) =>
        Answer(turn).ToAsyncEnumerable();

    /// <inheritdoc />
    public RunError ToLastError(Exception exception) => new() { Code = "server_error", Message = "The scripted model failed." };

    /// <summary>Decides the next step of a run: the function calls, or the reply (cut to the completion tokens left), with the
    /// usage and the finish reason.</summary>
    /// <param name="turn">The turn.</param>
    /// <returns>The updates: one, or none when cut to nothing.</returns>
    private static IEnumerable<ChatResponseUpdate> Answer(ModelTurn turn)
    {
        IReadOnlyList<ToolCallRecord> answered = turn.Run.AnsweredCalls;
        string? lastUser = turn.Run.LastUserText;
        ChatOptions options = turn.Options;
        if (options.ToolMode is not NoneChatToolMode)
        {
            List<AIFunctionDeclaration> functions = [.. options.Tools?.OfType<AIFunctionDeclaration>() ?? []];
            List<AIFunctionDeclaration> calls = ChooseFunctions(functions, options, lastUser ?? string.Empty, answered);
            if (calls.Count > 0)
            {
                List<AIContent> contents = [];
                int completion = 0;
                foreach (AIFunctionDeclaration function in calls)
                {
                    string arguments = BuildArguments(function, lastUser ?? string.Empty);
                    completion += ModelConversation.CountTokens(function.Name) + ModelConversation.CountTokens(arguments);
                    contents.Add(new FunctionCallContent(Ids.New("call_"), function.Name, ModelConversation.ParseArguments(arguments)));
                }

                contents.Add(Usage(turn, completion));
                yield return new ChatResponseUpdate(ChatRole.Assistant, contents) { FinishReason = ChatFinishReason.ToolCalls };
                yield break;
            }
        }

        string reply = answered.Count > 0
            ? string.Join('\n', answered.Select(static c => $"The tool {c.Name} returned: {c.Output}"))
            : lastUser is null ? Greeting : "Echo: " + lastUser;
        int tokens = ModelConversation.CountTokens(reply);
        ChatFinishReason finish = ChatFinishReason.Stop;
        if (options.MaxOutputTokens is int left && tokens > left)
        {
            reply = reply[..Math.Min(reply.Length, left * 4)];
            tokens = left;
            finish = ChatFinishReason.Length;
        }

        yield return new ChatResponseUpdate(ChatRole.Assistant, [new TextContent(reply), Usage(turn, tokens)]) { FinishReason = finish };
    }

    private static UsageContent Usage(ModelTurn turn, int completion) => new(new UsageDetails
    {
        InputTokenCount = turn.Run.PromptTokens,
        OutputTokenCount = completion,
        TotalTokenCount = turn.Run.PromptTokens + completion,
    });

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

    private static List<AIFunctionDeclaration> ChooseFunctions(
        List<AIFunctionDeclaration> functions, ChatOptions options, string message, IReadOnlyList<ToolCallRecord> answered)
    {
        if (functions.Count == 0)
        {
            return [];
        }

        if (options.ToolMode is RequiredChatToolMode { RequiredFunctionName: string forced })
        {
            return answered.Count > 0 ? [] : [.. functions.Where(f => f.Name == forced).Take(1)];
        }

        List<AIFunctionDeclaration> named = [.. functions
            .Select(f => (Function: f, Index: IndexOfWord(message, f.Name)))
            .Where(static x => x.Index >= 0)
            .OrderBy(static x => x.Index)
            .Select(static x => x.Function)];
        List<AIFunctionDeclaration> requested = [.. named.Where(f => !answered.Any(c => c.Name == f.Name))];
        if (named.Count == 0 && answered.Count == 0)
        {
            if (options.ToolMode is RequiredChatToolMode)
            {
                requested.Add(functions[0]);
            }
            else if (FunctionForQuestion(functions, message) is AIFunctionDeclaration asked)
            {
                requested.Add(asked);
            }
        }

        return options.AllowMultipleToolCalls ?? true ? requested : [.. requested.Take(1)];
    }

    /// <summary>The function a question that names none asks for (rule 1, <c>tool_choice</c> auto): the one whose name shares the
    /// most words with the question, the first on a tie; with no shared word, the only function, if there is one.</summary>
    /// <param name="functions">The run's function tools, in order.</param>
    /// <param name="message">The last user message.</param>
    /// <returns>The function, or <see langword="null"/> when the message is not a question or no function fits.</returns>
    private static AIFunctionDeclaration? FunctionForQuestion(List<AIFunctionDeclaration> functions, string message)
    {
        if (!message.AsSpan().TrimEnd().EndsWith("?", StringComparison.Ordinal))
        {
            return null;
        }

        var asked = new HashSet<string>(Words(message), StringComparer.OrdinalIgnoreCase);
        AIFunctionDeclaration? best = null;
        int bestShared = 0;
        foreach (AIFunctionDeclaration function in functions)
        {
            int shared = NameWords(function.Name).Count(asked.Contains);
            if (shared > bestShared)
            {
                (best, bestShared) = (function, shared);
            }
        }

        return best ?? (functions.Count == 1 ? functions[0] : null);
    }

    /// <summary>The words of a function's name that count for a question: split at every character that is not a letter or a
    /// digit and before each capital that follows a lower-case letter or digit; four or more characters; distinct,
    /// case-insensitive.</summary>
    /// <param name="name">The function's name.</param>
    /// <returns>The words.</returns>
    private static IEnumerable<string> NameWords(string name) =>
        CamelBoundary().Replace(name, " ").Split(' ').SelectMany(Words).Where(static w => w.Length >= 4).Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>Splits text into its runs of letters and digits.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The words.</returns>
    private static IEnumerable<string> Words(string text) => WordRun().Matches(text).Select(static m => m.Value);

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

    private static string BuildArguments(AIFunctionDeclaration function, string message)
    {
        HashSet<string>? allowed = null;
        if (function.JsonSchema is { ValueKind: JsonValueKind.Object } schema
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

    [GeneratedRegex(@"[\p{L}\p{Nd}]+", RegexOptions.CultureInvariant)]
    private static partial Regex WordRun();

    [GeneratedRegex(@"(?<=[\p{Ll}\p{Nd}])(?=\p{Lu})", RegexOptions.CultureInvariant)]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("""(?<![A-Za-z0-9_])(?<key>[A-Za-z_][A-Za-z0-9_]*)=(?:"(?<quoted>[^"]*)"|(?<bare>[^\s"]+))""", RegexOptions.CultureInvariant)]
    private static partial Regex KeyValuePair();
}
