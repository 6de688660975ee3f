using Refit;

namespace OpenAiApi.Refit.Models;

/// <summary>The paging options of listing the steps of a run (query parameters).</summary>
public sealed class RunStepCollectionOptions
{
    /// <summary>Gets or sets the maximum number of items to return, 1 to 100 (server default 20).</summary>
    [AliasAs("limit")]
    public int? Limit { get; set; }

    /// <summary>Gets or sets the sort order by creation time (server default descending).</summary>
    [AliasAs("order")]
    public ListOrder? Order { get; set; }

    /// <summary>Gets or sets the cursor: return the items after this id.</summary>
    [AliasAs("after")]
    public string? After { get; set; }

    /// <summary>Gets or sets the cursor: return the items before this id.</summary>
    [AliasAs("before")]
    public string? Before { get; set; }
}
