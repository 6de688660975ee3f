using Refit;

namespace OpenAiApi.Refit.Models;

/// <summary>The paging query parameters every list operation takes. Properties left <see langword="null"/> are not sent.</summary>
public abstract class CursorCollectionOptions
{
    /// <summary>Gets or sets the number of items per page, 1 to 100 (server default 20); checked before the request is sent.</summary>
    [AliasAs("limit")]
    public int? Limit { get; set; }

    /// <summary>Gets or sets the sort order by <c>created_at</c> (server default <c>desc</c>).</summary>
    [AliasAs("order")]
    public ListOrder? Order { get; set; }

    /// <summary>Gets or sets the cursor: return the items after this id (a page's <c>last_id</c>).</summary>
    [AliasAs("after")]
    public string? After { get; set; }

    /// <summary>Gets or sets the cursor: return the items before this id (a page's <c>first_id</c>).</summary>
    [AliasAs("before")]
    public string? Before { get; set; }
}
