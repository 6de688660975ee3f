using Refit;

namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-messages: paging and the <c>run_id</c> filter. Properties left <see langword="null"/> are not sent.</summary>
public sealed class MessageCollectionOptions
{
    /// <summary>Gets or sets the number of messages per page, 1 to 100 (server default 20).</summary>
    [AliasAs("limit")]
    public int? Limit { get; set; }

    /// <summary>Gets or sets the sort order by <c>created_at</c> (server default <c>desc</c>).</summary>
    [AliasAs("order")]
    public ListOrder? Order { get; set; }

    /// <summary>Gets or sets the cursor: return the messages after this message id.</summary>
    [AliasAs("after")]
    public string? After { get; set; }

    /// <summary>Gets or sets the cursor: return the messages before this message id.</summary>
    [AliasAs("before")]
    public string? Before { get; set; }

    /// <summary>Gets or sets a run id: return only the messages that run generated.</summary>
    [AliasAs("run_id")]
    public string? RunId { get; set; }
}
