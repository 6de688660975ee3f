using System.Text.Json;
using Microsoft.Extensions.AI;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Emulator.State;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.Runs;

/// <summary>
/// Turns a run and its thread into a chat request: the run's instructions (with <c>additional_instructions</c>) as the system
/// message; the thread's messages in order (text parts; <c>image_url</c> parts as image URIs; <c>image_file</c> parts as a note,
/// the emulator stores no files); every answered function call of the thread's runs as an assistant call and a tool result;
/// <c>truncation_strategy: last_messages</c> keeps the last N thread messages. Function tools become function declarations with
/// their JSON schemas; <c>tool_choice</c>, <c>parallel_tool_calls</c>, <c>temperature</c>, <c>top_p</c>,
/// <c>max_completion_tokens</c> and <c>response_format</c> become chat options.
/// </summary>
internal static class ModelConversation
{
    private static readonly JsonElement EmptyObjectSchema = JsonDocument.Parse("""{"type":"object","properties":{}}""").RootElement;

    /// <summary>Gets the tool types a model-backed run cannot run.</summary>
    /// <param name="tools">The run's tools.</param>
    /// <returns>The first tool that is not a function, with its index, or <see langword="null"/>.</returns>
    public static (int Index, string Type)? FirstUnsupportedTool(IReadOnlyList<ToolDefinition> tools)
    {
        for (int i = 0; i < tools.Count; i++)
        {
            if (tools[i] is not FunctionToolDefinition)
            {
                return (i, tools[i].Type);
            }
        }

        return null;
    }

    /// <summary>Builds the request for the run's next turn (under the thread's lock).</summary>
    /// <param name="thread">The thread.</param>
    /// <param name="run">The run.</param>
    /// <returns>The snapshot.</returns>
    public static ModelTurn Build(ThreadRecord thread, RunRecord run)
    {
        var timeline = new List<(long Sequence, ChatMessage Message)>();
        List<MessageRecord> messages = [.. thread.Messages.Where(m => !(m.RunId == run.Id && m.Status == MessageStatus.InProgress))];
        if (run.TruncationStrategy is { Type.Value: "last_messages", LastMessages: int last } && last >= 0 && messages.Count > last)
        {
            messages = messages[^last..];
        }

        long cutoff = messages.Count > 0 ? messages[0].Sequence : long.MaxValue;
        foreach (MessageRecord message in messages)
        {
            if (ToChatMessage(message) is ChatMessage chat)
            {
                timeline.Add((message.Sequence, chat));
            }
        }

        foreach (StepRecord step in thread.Runs.SelectMany(static r => r.Steps))
        {
            if (step.Type != RunStepKind.ToolCalls || step.ToolCalls.Count == 0 || step.ToolCalls.Any(static c => c.Output is null)
                || (step.Sequence < cutoff && step.RunId != run.Id))
            {
                continue;
            }

            timeline.Add((step.Sequence, new ChatMessage(ChatRole.Assistant, [.. step.ToolCalls.Select(static c => new FunctionCallContent(c.Id, c.Name, ParseArguments(c.Arguments)))])));
            timeline.Add((step.Sequence, new ChatMessage(ChatRole.Tool, [.. step.ToolCalls.Select(static c => new FunctionResultContent(c.Id, c.Output))])));
        }

        List<ChatMessage> conversation = [];
        if (!string.IsNullOrEmpty(run.Instructions))
        {
            conversation.Add(new ChatMessage(ChatRole.System, run.Instructions));
        }

        conversation.AddRange(timeline.OrderBy(static t => t.Sequence).Select(static t => t.Message));
        var context = new RunContext(
            thread.Messages.LastOrDefault(static m => m.Role == MessageRole.User)?.PlainText,
            [.. run.Steps.Where(static s => s.Type == RunStepKind.ToolCalls && s.Status == RunStepStatus.Completed).SelectMany(static s => s.ToolCalls)],
            PromptTokens(thread, run));
        return new ModelTurn(run.Model, conversation, Options(run), context);
    }

    /// <summary>Counts tokens the emulator's way: one per four characters, rounded up.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The count.</returns>
    public static int CountTokens(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;

    /// <summary>The prompt of the next model step: the instructions and the thread's messages (the last N with a
    /// <c>last_messages</c> truncation strategy).</summary>
    private static int PromptTokens(ThreadRecord thread, RunRecord run)
    {
        IEnumerable<MessageRecord> messages = thread.Messages;
        if (run.TruncationStrategy.LastMessages is int last && run.TruncationStrategy.Type == RunTruncationStrategyType.LastMessages)
        {
            messages = messages.Skip(Math.Max(0, thread.Messages.Count - last));
        }

        return CountTokens(run.Instructions) + messages.Sum(static m => CountTokens(m.PlainText));
    }

    private static ChatOptions Options(RunRecord run)
    {
        var options = new ChatOptions
        {
            Temperature = (float?)run.Temperature,
            TopP = (float?)run.TopP,
            MaxOutputTokens = run.MaxCompletionTokens is int budget ? Math.Max(0, budget - run.Steps.Sum(static s => s.CompletionTokens)) : null,
            ResponseFormat = run.ResponseFormat switch
            {
                { Type: "json_object" } => ChatResponseFormat.Json,
                { Type: "json_schema", JsonSchema: { Schema: JsonElement schema } format } => ChatResponseFormat.ForJsonSchema(schema, format.Name, format.Description),
                { Type: "text" } => ChatResponseFormat.Text,
                _ => null,
            },
        };

        List<FunctionToolDefinition> functions = [.. run.Tools.OfType<FunctionToolDefinition>()];
        if (functions.Count > 0)
        {
            options.Tools = [.. functions.Select(static f => AIFunctionFactory.CreateDeclaration(
                f.Function.Name, f.Function.Description ?? string.Empty, f.Function.Parameters is { ValueKind: JsonValueKind.Object } p ? p : EmptyObjectSchema))];
            options.AllowMultipleToolCalls = run.ParallelToolCalls;
            options.ToolMode = run.ToolChoice switch
            {
                { IsSpecificTool: true, FunctionName: string name } => ChatToolMode.RequireSpecific(name),
                { Mode: "none" } => ChatToolMode.None,
                { Mode: "required" } => ChatToolMode.RequireAny,
                _ => ChatToolMode.Auto,
            };
        }

        return options;
    }

    private static ChatMessage? ToChatMessage(MessageRecord message)
    {
        ChatRole role = message.Role == MessageRole.Assistant ? ChatRole.Assistant : ChatRole.User;
        if (message.RunText is string written)
        {
            return written.Length == 0 ? null : new ChatMessage(role, written);
        }

        List<AIContent> contents = [];
        foreach (MessageContent part in message.Content)
        {
            switch (part)
            {
                case TextMessageContent { Text.Value: string text }:
                    contents.Add(new TextContent(text));
                    break;
                case ImageUrlMessageContent { ImageUrl.Url: string url } when Uri.TryCreate(url, UriKind.Absolute, out Uri? uri):
                    contents.Add(ImageContent(url, uri));
                    break;
                case ImageFileMessageContent { ImageFile.FileId: string fileId }:
                    contents.Add(new TextContent($"[image file {fileId}: not available, the emulator stores no files]"));
                    break;
            }
        }

        return contents.Count == 0 ? null : new ChatMessage(role, contents);
    }

    /// <summary>An <c>image_url</c> part: the image's address, or its data (a data URL); a data URL that does not parse becomes a
    /// note, never a failure (the emulator accepts any URL text).</summary>
    private static AIContent ImageContent(string url, Uri uri)
    {
        if (uri.Scheme != "data")
        {
            return new UriContent(uri, "image/*");
        }

        try
        {
            return new DataContent(url);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            return new TextContent("[image: its data URL is not valid]");
        }
    }

    /// <summary>Parses a call's arguments (a JSON object; anything else is no arguments).</summary>
    /// <param name="arguments">The JSON.</param>
    /// <returns>The arguments.</returns>
    public static Dictionary<string, object?> ParseArguments(string arguments)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(arguments);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(static p => p.Name, static p => (object?)p.Value.Clone(), StringComparer.Ordinal)
                : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
