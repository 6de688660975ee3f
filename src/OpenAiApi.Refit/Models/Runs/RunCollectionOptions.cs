namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-runs: paging (see <see cref="CursorCollectionOptions"/>).</summary>
public sealed class RunCollectionOptions : CursorCollectionOptions;
