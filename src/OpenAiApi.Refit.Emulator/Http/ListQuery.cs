using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace OpenAiApi.Refit.Emulator.Http;

/// <summary>The cursor-pagination query of the list endpoints (<c>limit</c>, <c>order</c>, <c>after</c>, <c>before</c>),
/// checked like the real service checks it.</summary>
internal sealed class ListQuery
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;
    public const string FileSearchContentInclude = "step_details.tool_calls[*].file_search.results[*].content";

    private ListQuery(int limit, bool ascending, string? after, string? before)
    {
        Limit = limit;
        Ascending = ascending;
        After = after;
        Before = before;
    }

    public int Limit { get; }

    public bool Ascending { get; }

    public string? After { get; }

    public string? Before { get; }

    public static ListQuery Parse(IQueryCollection query)
    {
        int limit = DefaultLimit;
        if (Single(query, "limit") is string rawLimit)
        {
            if (!long.TryParse(rawLimit, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long parsed))
            {
                throw ApiErrors.BadRequest(
                    $"Invalid type for 'limit': expected an integer, but got '{ApiErrors.Shorten(rawLimit)}' instead.", "limit", "invalid_type");
            }

            if (parsed > MaxLimit)
            {
                throw ApiErrors.AboveMaximum("limit", MaxLimit, parsed, integer: true);
            }

            if (parsed < 1)
            {
                throw ApiErrors.BelowMinimum("limit", 1, parsed, integer: true);
            }

            limit = (int)parsed;
        }

        bool ascending = false;
        if (Single(query, "order") is string order)
        {
            ascending = order switch
            {
                "asc" => true,
                "desc" => false,
                _ => throw ApiErrors.InvalidValue("order", order, "asc", "desc"),
            };
        }

        string? after = Single(query, "after") is string a ? Ids.Check(a, "after") : null;
        string? before = Single(query, "before") is string b ? Ids.Check(b, "before") : null;
        return new ListQuery(limit, ascending, after, before);
    }

    /// <summary>Checks the <c>include[]</c> values of the run and run-step endpoints.</summary>
    /// <param name="query">The query.</param>
    public static void CheckInclude(IQueryCollection query)
    {
        foreach (string? value in query["include[]"])
        {
            if (value != FileSearchContentInclude)
            {
                throw ApiErrors.InvalidValue("include[]", value ?? string.Empty, FileSearchContentInclude);
            }
        }
    }

    /// <summary>Reads an optional id filter such as <c>run_id</c>.</summary>
    /// <param name="query">The query.</param>
    /// <param name="name">The key.</param>
    /// <returns>The id, or <see langword="null"/>.</returns>
    public static string? OptionalId(IQueryCollection query, string name) => Single(query, name) is string value ? Ids.Check(value, name) : null;

    private static string? Single(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out StringValues values) || values.Count == 0)
        {
            return null;
        }

        if (values.Count > 1)
        {
            throw ApiErrors.BadRequest($"Invalid '{name}': the parameter was given {values.Count} times; give it once.", name, "invalid_value");
        }

        return values[0];
    }
}
