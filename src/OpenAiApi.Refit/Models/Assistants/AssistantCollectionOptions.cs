namespace OpenAiApi.Refit.Models;

/// <summary>The query parameters of list-assistants: paging (see <see cref="CursorCollectionOptions"/>).</summary>
public sealed class AssistantCollectionOptions : CursorCollectionOptions;
