using Refit;

namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-messages: paging (see <see cref="CursorCollectionOptions"/>) and the <c>run_id</c> filter.</summary>
public sealed class MessageCollectionOptions : CursorCollectionOptions
{
    /// <summary>Gets or sets a run id: return only the messages that run generated.</summary>
    [AliasAs("run_id")]
    public string? RunId { get; set; }
}
