using Refit;

namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-assistants: page size, order and cursors.</summary>
public sealed class AssistantCollectionOptions
{
    /// <summary>Gets or sets the number of assistants per page, 1 to 100 (the server's default is 20).</summary>
    [AliasAs("limit")]
    public int? Limit { get; set; }

    /// <summary>Gets or sets the sort order by <c>created_at</c> (the server's default is <c>desc</c>).</summary>
    [AliasAs("order")]
    public ListOrder? Order { get; set; }

    /// <summary>Gets or sets the cursor: list the assistants after this assistant id (a page's <c>last_id</c>).</summary>
    [AliasAs("after")]
    public string? After { get; set; }

    /// <summary>Gets or sets the cursor: list the assistants before this assistant id (a page's <c>first_id</c>).</summary>
    [AliasAs("before")]
    public string? Before { get; set; }
}
