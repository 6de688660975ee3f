namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-run-steps: paging (see <see cref="CursorCollectionOptions"/>).</summary>
public sealed class RunStepCollectionOptions : CursorCollectionOptions;
