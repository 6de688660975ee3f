using OpenAiApi.Refit.Pipeline;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>Lists every item of a cursor-paginated list as one <see cref="IAsyncEnumerable{T}"/>: the helpers ask for a page,
/// yield its items, and ask for the next one with <c>after = last_id</c> while the server answers <c>has_more</c>.</summary>
/// <remarks>
/// <para>Pages are fetched lazily: a page is requested only when the consumer reaches it, so breaking out of <c>await foreach</c>
/// stops the requests. <c>limit</c> (the page size), <c>order</c> and the filters of the options are sent with every page; the
/// caller's options object is not modified. When the options give only <c>before</c>, the walk goes backward instead
/// (<c>before = first_id</c>), as the official SDKs do.</para>
/// <para>A server that answers <c>has_more</c> without a cursor, or repeats a cursor, ends the enumeration with an
/// <see cref="InvalidOperationException"/> that names the cursor, instead of looping forever.</para>
/// <para>Arguments are checked when the method is called (<see cref="ArgumentException"/>, nothing sent); the token may be
/// given here or through <c>WithCancellation</c>.</para>
/// </remarks>
public static class PaginationExtensions
{
    /// <summary>Lists all assistants, page after page.</summary>
    /// <param name="assistants">The assistants API.</param>
    /// <param name="options">The page size, order and starting cursor, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to stop the enumeration.</param>
    /// <returns>The assistants, in the server's order.</returns>
    /// <exception cref="ArgumentException">An option is invalid; nothing is sent.</exception>
    public static IAsyncEnumerable<Assistant> GetAllAssistantsAsync(
        this IAssistantsApi assistants, AssistantCollectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assistants);
        ValidatePaging(options?.Limit, options?.After, options?.Before);
        int? limit = options?.Limit;
        ListOrder? order = options?.Order;
        return CursorPager.WalkAsync(
            (after, before, ct) => assistants.ListAssistantsAsync(
                new AssistantCollectionOptions { Limit = limit, Order = order, After = after, Before = before }, ct),
            options?.After,
            options?.Before,
            "assistants",
            cancellationToken);
    }

    /// <summary>Lists all messages of a thread, page after page (optionally only those of one run).</summary>
    /// <param name="messages">The messages API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The page size, order, starting cursor and <c>run_id</c> filter, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to stop the enumeration.</param>
    /// <returns>The messages, in the server's order.</returns>
    /// <exception cref="ArgumentException">The id or an option is invalid; nothing is sent.</exception>
    public static IAsyncEnumerable<ThreadMessage> GetAllMessagesAsync(
        this IMessagesApi messages, string threadId, MessageCollectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ValidatePaging(options?.Limit, options?.After, options?.Before);
        if (options?.RunId is { } runIdFilter)
        {
            OpenAIClientContext.ValidateId(runIdFilter, "options.RunId");
        }

        int? limit = options?.Limit;
        ListOrder? order = options?.Order;
        string? runId = options?.RunId;
        return CursorPager.WalkAsync(
            (after, before, ct) => messages.ListMessagesAsync(
                threadId, new MessageCollectionOptions { Limit = limit, Order = order, After = after, Before = before, RunId = runId }, ct),
            options?.After,
            options?.Before,
            $"the messages of thread '{threadId}'",
            cancellationToken);
    }

    /// <summary>Lists all runs of a thread, page after page.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="options">The page size, order and starting cursor, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="cancellationToken">A token to stop the enumeration.</param>
    /// <returns>The runs, in the server's order.</returns>
    /// <exception cref="ArgumentException">The id or an option is invalid; nothing is sent.</exception>
    public static IAsyncEnumerable<ThreadRun> GetAllRunsAsync(
        this IRunsApi runs, string threadId, RunCollectionOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        ValidatePaging(options?.Limit, options?.After, options?.Before);
        int? limit = options?.Limit;
        ListOrder? order = options?.Order;
        return CursorPager.WalkAsync(
            (after, before, ct) => runs.ListRunsAsync(
                threadId, new RunCollectionOptions { Limit = limit, Order = order, After = after, Before = before }, ct),
            options?.After,
            options?.Before,
            $"the runs of thread '{threadId}'",
            cancellationToken);
    }

    /// <summary>Lists all steps of a run, page after page.</summary>
    /// <param name="runs">The runs API.</param>
    /// <param name="threadId">The id of the thread.</param>
    /// <param name="runId">The id of the run.</param>
    /// <param name="options">The page size, order and starting cursor, or <see langword="null"/> for the server's defaults.</param>
    /// <param name="include">Additional fields to include (<c>include[]</c>), sent with every page, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">A token to stop the enumeration.</param>
    /// <returns>The run steps, in the server's order.</returns>
    /// <exception cref="ArgumentException">An id or an option is invalid; nothing is sent.</exception>
    public static IAsyncEnumerable<RunStep> GetAllRunStepsAsync(
        this IRunsApi runs,
        string threadId,
        string runId,
        RunStepCollectionOptions? options = null,
        IEnumerable<RunStepInclude>? include = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runs);
        OpenAIClientContext.ValidateId(threadId, nameof(threadId));
        OpenAIClientContext.ValidateId(runId, nameof(runId));
        ValidatePaging(options?.Limit, options?.After, options?.Before);
        int? limit = options?.Limit;
        ListOrder? order = options?.Order;
        RunStepInclude[]? includes = include?.ToArray();
        return CursorPager.WalkAsync(
            (after, before, ct) => runs.ListRunStepsAsync(
                threadId, runId, new RunStepCollectionOptions { Limit = limit, Order = order, After = after, Before = before }, includes, ct),
            options?.After,
            options?.Before,
            $"the steps of run '{runId}'",
            cancellationToken);
    }

    private static void ValidatePaging(int? limit, string? after, string? before)
    {
        OpenAIClientContext.ValidateLimit(limit, "options.Limit");
        if (after is not null)
        {
            OpenAIClientContext.ValidateId(after, "options.After");
        }

        if (before is not null)
        {
            OpenAIClientContext.ValidateId(before, "options.Before");
        }
    }
}
