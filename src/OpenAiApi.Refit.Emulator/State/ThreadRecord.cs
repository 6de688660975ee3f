using OpenAiApi.Refit.Models;

namespace OpenAiApi.Refit.Emulator.State;

/// <summary>
/// A thread with its messages and runs. Every read or write of a thread, its messages, runs and steps happens under
/// <see cref="Gate"/>, which is what keeps concurrent requests from losing or duplicating anything.
/// </summary>
internal sealed class ThreadRecord
{
    public required string Id { get; init; }

    public required long Sequence { get; init; }

    public required long CreatedAt { get; init; }

    public Lock Gate { get; } = new();

    public bool Deleted { get; set; }

    public ToolResources ToolResources { get; set; } = new();

    public Dictionary<string, string> Metadata { get; set; } = [];

    /// <summary>Gets the messages, in creation order.</summary>
    public List<MessageRecord> Messages { get; } = [];

    /// <summary>Gets the runs, in creation order.</summary>
    public List<RunRecord> Runs { get; } = [];

    /// <summary>Gets the ids of finished messages and runs changed since the last commit (e.g. new metadata): a durable store
    /// rewrites these besides what it tracks on its own (new objects, active runs with their steps and messages).</summary>
    public HashSet<string> ChangedIds { get; } = new(StringComparer.Ordinal);

    /// <summary>Notes that a message or run of this thread changed (under the thread's lock), for the next commit.</summary>
    /// <param name="id">The message or run id.</param>
    public void MarkChanged(string id) => ChangedIds.Add(id);

    public MessageRecord? FindMessage(string id) => Messages.Find(m => m.Id == id);

    public RunRecord? FindRun(string id) => Runs.Find(r => r.Id == id);

    public RunRecord? ActiveRun() => Runs.Find(static r => r.IsActive);

    /// <summary>Takes a snapshot for the wire.</summary>
    /// <param name="read"><see langword="true"/> for a read or the <c>thread.created</c> event, which showed
    /// <c>tool_resources.code_interpreter.file_ids: []</c> where the create and modify answers showed the resources as given.</param>
    /// <returns>The snapshot.</returns>
    public AssistantThread ToModel(bool read = false) => new()
    {
        Id = Id,
        Object = "thread",
        CreatedAt = CreatedAt,
        ToolResources = read ? WireDefaults.WithCodeInterpreterFileIds(ToolResources) : ToolResources,
        Metadata = new Dictionary<string, string>(Metadata),
    };
}
