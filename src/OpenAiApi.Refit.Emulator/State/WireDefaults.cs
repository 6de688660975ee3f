using System.Text.Json;
using OpenAiApi.Refit.Emulator.Http;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>
/// The defaults the real service filled into what it echoed, in one place: function tools get <c>parameters</c> and
/// <c>strict</c>, file search gets its ranking options, tool resources get their empty lists, images get <c>detail: auto</c>,
/// usage gets its token details. Applied when an object is stored, so every answer that shows it agrees.
/// </summary>
internal static class WireDefaults
{
    /// <summary>The ranker the real service reported when none was chosen.</summary>
    public const string DefaultRanker = "default_2024_08_21";

    private static readonly JsonElement EmptyParameters = Parse("""{"type":"object","properties":{}}""");
    private static readonly JsonElement JsonNull = Parse("null");

    /// <summary>Fills the defaults of tool definitions (the given objects are the request's own and are completed in place).</summary>
    /// <param name="tools">The tools, or <see langword="null"/>.</param>
    /// <returns>The tools.</returns>
    public static List<ToolDefinition> Tools(IEnumerable<ToolDefinition>? tools)
    {
        List<ToolDefinition> list = [.. tools ?? []];
        foreach (ToolDefinition tool in list)
        {
            switch (tool)
            {
                case FunctionToolDefinition function:
                    function.Function.Parameters ??= EmptyParameters;
                    function.Function.Strict ??= false;
                    break;
                case FileSearchToolDefinition fileSearch:
                    fileSearch.FileSearch ??= new FileSearchToolOverrides();
                    FileSearchRankingOptions ranking = fileSearch.FileSearch.RankingOptions ??= new FileSearchRankingOptions();
                    ranking.Ranker ??= DefaultRanker;
                    ranking.ScoreThreshold ??= 0.0;
                    ranking.AdditionalProperties ??= new Dictionary<string, JsonElement>();
                    ranking.AdditionalProperties.TryAdd("hybrid_search", JsonNull);
                    break;
            }
        }

        return list;
    }

    /// <summary>An assistant's tool resources: <c>code_interpreter.file_ids: []</c> when it has the code interpreter tool.</summary>
    /// <param name="resources">The given resources, or <see langword="null"/>.</param>
    /// <param name="tools">The assistant's tools.</param>
    /// <returns>The resources.</returns>
    public static ToolResources AssistantResources(ToolResources? resources, IEnumerable<ToolDefinition> tools)
    {
        resources ??= new ToolResources();
        if (resources.CodeInterpreter is null && tools.Any(static t => t is CodeInterpreterToolDefinition))
        {
            resources.CodeInterpreter = new CodeInterpreterToolResources();
        }

        return Complete(resources);
    }

    /// <summary>A thread's tool resources as stored and as its create and modify answers show them: as given, <c>{}</c> when none
    /// (its reads show them <see cref="WithCodeInterpreterFileIds">with the code interpreter's list</see>).</summary>
    /// <param name="resources">The given resources, or <see langword="null"/>.</param>
    /// <returns>The resources.</returns>
    public static ToolResources ThreadResources(ToolResources? resources) => Complete(resources ?? new ToolResources());

    /// <summary>A run's tool resources: as given, <c>{}</c> when none.</summary>
    /// <param name="resources">The given resources, or <see langword="null"/>.</param>
    /// <returns>The resources.</returns>
    public static ToolResources RunResources(ToolResources? resources) => Complete(resources ?? new ToolResources());

    /// <summary>Tool resources with <c>code_interpreter.file_ids</c> always there (<c>[]</c> when none), as the real service showed
    /// them in a thread's reads, in <c>thread.created</c> and in a run's stream events (its JSON answers for runs, and for
    /// creating or modifying a thread, showed them as given). The stored resources are left untouched.</summary>
    /// <param name="resources">The resources, or <see langword="null"/>.</param>
    /// <returns>A new resources object.</returns>
    public static ToolResources WithCodeInterpreterFileIds(ToolResources? resources) => new()
    {
        CodeInterpreter = resources?.CodeInterpreter ?? new CodeInterpreterToolResources { FileIds = [] },
        FileSearch = resources?.FileSearch,
        AdditionalProperties = resources?.AdditionalProperties,
    };

    /// <summary>A message's content part as stored: images get <c>detail: auto</c> unless one was given.</summary>
    /// <param name="content">The content.</param>
    /// <returns>The same content.</returns>
    public static MessageContent Content(MessageContent content)
    {
        switch (content)
        {
            case ImageUrlMessageContent { ImageUrl: { } url }:
                url.Detail ??= MessageImageDetail.Auto;
                break;
            case ImageFileMessageContent { ImageFile: { } file }:
                file.Detail ??= MessageImageDetail.Auto;
                break;
        }

        return content;
    }

    /// <summary>Token usage with the details the real service added (no cached or reasoning tokens in the emulator).</summary>
    /// <param name="prompt">The prompt tokens.</param>
    /// <param name="completion">The completion tokens.</param>
    /// <returns>The usage.</returns>
    public static RunTokenUsage Usage(int prompt, int completion) => new()
    {
        PromptTokens = prompt,
        CompletionTokens = completion,
        TotalTokens = prompt + completion,
        PromptTokenDetails = new PromptTokenDetails { CachedTokens = 0 },
        CompletionTokenDetails = new CompletionTokenDetails { ReasoningTokens = 0 },
    };

    private static ToolResources Complete(ToolResources resources)
    {
        if (resources.CodeInterpreter is { } codeInterpreter)
        {
            codeInterpreter.FileIds ??= [];
        }

        if (resources.FileSearch is { } fileSearch)
        {
            // vector_stores asks the service to create stores from files; it answered with their ids.
            if (fileSearch.VectorStores is { Count: > 0 } stores)
            {
                fileSearch.VectorStoreIds = [.. fileSearch.VectorStoreIds ?? [], .. stores.Select(static _ => Ids.New("vs_"))];
            }

            fileSearch.VectorStores = null;
            fileSearch.VectorStoreIds ??= [];
        }

        return resources;
    }

    private static JsonElement Parse(string json)
    {
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
