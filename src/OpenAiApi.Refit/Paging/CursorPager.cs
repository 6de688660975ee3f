using System.Runtime.CompilerServices;
using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit;

/// <summary>The cursor walk behind <see cref="PaginationExtensions"/>: ask for a page, yield its items, move the cursor, stop when
/// the server says there is no more; refuse a cursor that does not move.</summary>
internal static class CursorPager
{
    /// <summary>Walks the pages.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="fetch">Gets the page at a cursor: (after, before, token) → page.</param>
    /// <param name="after">The caller's <c>after</c> cursor, if any.</param>
    /// <param name="before">The caller's <c>before</c> cursor, if any.</param>
    /// <param name="listName">What is listed, for messages.</param>
    /// <param name="cancellationToken">The token.</param>
    /// <remarks>Forward (<c>after = last_id</c>) unless the caller gave only <c>before</c>: then backward (<c>before = first_id</c>),
    /// as the official SDKs do, so a <c>before</c> listing does not come back over the items it started from.</remarks>
    public static async IAsyncEnumerable<T> WalkAsync<T>(
        Func<string?, string?, CancellationToken, Task<CursorPage<T>>> fetch,
        string? after,
        string? before,
        string listName,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        bool backward = after is null && before is not null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if ((backward ? before : after) is { } start)
        {
            seen.Add(start);
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            CursorPage<T> page = await fetch(after, before, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Listing {listName} returned no page.");
            if (page.HasMore)
            {
                string? next = backward ? page.FirstId : page.LastId;
                string field = backward ? "first_id" : "last_id";
                if (string.IsNullOrEmpty(next))
                {
                    throw new InvalidOperationException(
                        $"Listing {listName}: the server said has_more but sent no {field}, so the next page cannot be asked for.");
                }

                if (!seen.Add(next))
                {
                    throw new InvalidOperationException(
                        $"Listing {listName}: the server repeated the cursor {field} '{next}'; stopping instead of looping over the same pages.");
                }

                if (backward)
                {
                    before = next;
                }
                else
                {
                    after = next;
                }
            }

            foreach (T item in page.Data)
            {
                yield return item;
            }

            if (!page.HasMore)
            {
                yield break;
            }
        }
    }
}
