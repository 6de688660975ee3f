using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace OpenAiApi.Refit.Emulator.State.Sqlite;

/// <summary>
/// The durable store: the in-memory working set serves every read, and every call's changes are written through to one SQLite
/// file (WAL mode, synchronous commits) in one transaction, while the lock of what changed is held. On start the file's schema is
/// created or migrated and everything is loaded back.
/// </summary>
/// <remarks>
/// <para>Each assistant, thread, message, run and step is one row: its id, kind, thread, creation sequence and the record as JSON
/// (written generically, so new fields are kept without a migration). A deleted object keeps its row with no JSON, so a list
/// cursor naming it still works after a restart.</para>
/// <para>A thread's commit writes only what changed: the thread itself, objects not yet stored, runs that are not finished (or
/// were not when last stored) with their steps and messages, and whatever <see cref="ThreadRecord.MarkChanged"/> names; each
/// is compared with what was last written. Finished objects are not serialized again.</para>
/// <para>The file is opened in exclusive locking mode: one process at a time. A second emulator on the same file is refused.</para>
/// </remarks>
internal sealed class SqliteEmulatorStore : EmulatorStore
{
    private const string Assistant = "assistant";
    private const string Thread = "thread";
    private const string Message = "message";
    private const string Run = "run";
    private const string Step = "step";

    private readonly Lock _databaseGate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _deleteObject;
    private readonly SqliteCommand _deleteThread;
    private readonly Dictionary<string, string> _assistantJson = new(StringComparer.Ordinal);
    private readonly ConditionalWeakTable<ThreadRecord, StoredThread> _stored = [];
    private bool _disposed;

    private SqliteEmulatorStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _upsert = Prepare(
            """
            INSERT INTO objects (id, kind, thread_id, seq, json) VALUES ($id, $kind, $thread, $seq, $json)
            ON CONFLICT (id) DO UPDATE SET json = excluded.json
            """,
            "$id",
            "$kind",
            "$thread",
            "$seq",
            "$json");
        _deleteObject = Prepare("UPDATE objects SET json = NULL WHERE id = $id", "$id");
        _deleteThread = Prepare("UPDATE objects SET json = NULL WHERE id = $id OR thread_id = $id", "$id");
    }

    /// <summary>Gets the full path of the data file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) a data file, brings its schema up to date and loads everything it holds.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The store.</returns>
    /// <exception cref="EmulatorDataFileException">The file is in use, newer than this emulator, not an emulator data file, or
    /// unreadable.</exception>
    public static SqliteEmulatorStore Open(string path)
    {
        string fullPath = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(fullPath))
        {
            throw new EmulatorDataFileException($"The emulator's data path '{fullPath}' is a directory; give a file, e.g. '{System.IO.Path.Combine(fullPath, "emulator.db")}'.");
        }

        string? directory = System.IO.Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 2,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        SqliteEmulatorStore? store = null;
        try
        {
            connection.Open();
            SqliteSchema.Prepare(connection, fullPath);
            store = new SqliteEmulatorStore(fullPath, connection);
            store.Load();
            return store;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            Close(store, connection);
            throw new EmulatorDataFileException(
                $"The emulator's data file '{fullPath}' is in use by another process. One emulator process at a time can use a data file; stop the other one or give another file.",
                ex);
        }
        catch (SqliteException ex)
        {
            Close(store, connection);
            throw new EmulatorDataFileException($"The emulator's data file '{fullPath}' cannot be used: {ex.Message}", ex);
        }
        catch
        {
            Close(store, connection);
            throw;
        }
    }

    /// <inheritdoc />
    protected override void SaveAssistant(AssistantRecord assistant)
    {
        string json = StoreJson.Serialize(assistant);
        if (_assistantJson.TryGetValue(assistant.Id, out string? stored) && stored == json)
        {
            return;
        }

        Write([new Row(assistant.Id, Assistant, null, assistant.Sequence, json)], [], []);
        _assistantJson[assistant.Id] = json;
    }

    /// <inheritdoc />
    protected override void DeleteAssistants(IReadOnlyCollection<string> ids)
    {
        Write([], ids, []);
        foreach (string id in ids)
        {
            _assistantJson.Remove(id);
        }
    }

    /// <inheritdoc />
    protected override void DeleteThreads(IReadOnlyCollection<string> ids) => Write([], [], ids);

    /// <inheritdoc />
    protected override void SaveThread(ThreadRecord thread)
    {
        StoredThread stored = _stored.GetOrCreateValue(thread);
        var rows = new List<Row>();
        var settled = new List<string>();
        string threadJson = StoreJson.Serialize(thread);
        if (threadJson != stored.ThreadJson)
        {
            rows.Add(new Row(thread.Id, Thread, null, thread.Sequence, threadJson));
        }

        HashSet<string>? liveRuns = null;
        foreach (RunRecord run in thread.Runs)
        {
            bool open = !run.IsTerminal;
            if (stored.Known.Contains(run.Id) && !open && !stored.Open.ContainsKey(run.Id) && !thread.ChangedIds.Contains(run.Id))
            {
                continue;
            }

            (liveRuns ??= new(StringComparer.Ordinal)).Add(run.Id);
            Compare(stored, rows, settled, open, run.Id, Run, thread.Id, run.Sequence, run);
            foreach (StepRecord step in run.Steps)
            {
                Compare(stored, rows, settled, open, step.Id, Step, thread.Id, step.Sequence, step);
            }
        }

        int knownMessages = 0;
        foreach (MessageRecord message in thread.Messages)
        {
            bool known = stored.Messages.Contains(message.Id);
            knownMessages += known ? 1 : 0;
            bool ofLiveRun = message.RunId is not null && liveRuns is not null && liveRuns.Contains(message.RunId);
            if (known && !ofLiveRun && !thread.ChangedIds.Contains(message.Id))
            {
                continue;
            }

            bool open = ofLiveRun && thread.FindRun(message.RunId!) is { IsTerminal: false };
            Compare(stored, rows, settled, open, message.Id, Message, thread.Id, message.Sequence, message);
        }

        List<string> deleted = knownMessages < stored.Messages.Count
            ? [.. stored.Messages.Except(thread.Messages.Select(static m => m.Id), StringComparer.Ordinal)]
            : [];

        if (rows.Count > 0 || deleted.Count > 0)
        {
            Write(rows, deleted, []);
        }

        // Only now that the transaction is committed: what failed to be written is compared again next time.
        foreach (Row row in rows)
        {
            if (row.Kind == Thread)
            {
                stored.ThreadJson = row.Json;
                continue;
            }

            stored.Known.Add(row.Id);
            if (row.Kind == Message)
            {
                stored.Messages.Add(row.Id);
            }

            if (row.Open)
            {
                stored.Open[row.Id] = row.Json;
            }
        }

        foreach (string id in settled)
        {
            stored.Open.Remove(id);
        }

        foreach (string id in deleted)
        {
            stored.Known.Remove(id);
            stored.Messages.Remove(id);
            stored.Open.Remove(id);
        }
    }

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            lock (_databaseGate)
            {
                _disposed = true;
                _upsert.Dispose();
                _deleteObject.Dispose();
                _deleteThread.Dispose();
                _connection.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static void Compare(StoredThread stored, List<Row> rows, List<string> settled, bool open, string id, string kind, string threadId, long sequence, object record)
    {
        string json = StoreJson.Serialize(record);
        if (stored.Open.TryGetValue(id, out string? previous) && previous == json)
        {
            if (!open)
            {
                settled.Add(id);
            }

            return;
        }

        rows.Add(new Row(id, kind, threadId, sequence, json) { Open = open });
        if (!open)
        {
            settled.Add(id);
        }
    }

    private static void Close(SqliteEmulatorStore? store, SqliteConnection connection)
    {
        if (store is not null)
        {
            store.Dispose();
        }
        else
        {
            connection.Dispose();
        }
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        SqliteCommand command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (string name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }

    private void Write(IReadOnlyList<Row> rows, IReadOnlyCollection<string> deletedObjects, IReadOnlyCollection<string> deletedThreads)
    {
        lock (_databaseGate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            using SqliteTransaction transaction = _connection.BeginTransaction();
            foreach (Row row in rows)
            {
                _upsert.Transaction = transaction;
                _upsert.Parameters[0].Value = row.Id;
                _upsert.Parameters[1].Value = row.Kind;
                _upsert.Parameters[2].Value = (object?)row.ThreadId ?? DBNull.Value;
                _upsert.Parameters[3].Value = row.Sequence;
                _upsert.Parameters[4].Value = row.Json;
                _upsert.ExecuteNonQuery();
            }

            foreach (string id in deletedObjects)
            {
                _deleteObject.Transaction = transaction;
                _deleteObject.Parameters[0].Value = id;
                _deleteObject.ExecuteNonQuery();
            }

            foreach (string id in deletedThreads)
            {
                _deleteThread.Transaction = transaction;
                _deleteThread.Parameters[0].Value = id;
                _deleteThread.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    private void Load()
    {
        var threads = new Dictionary<string, ThreadRecord>(StringComparer.Ordinal);
        var runs = new Dictionary<string, RunRecord>(StringComparer.Ordinal);
        var messages = new List<MessageRecord>();
        var steps = new List<StepRecord>();
        using (SqliteCommand select = _connection.CreateCommand())
        {
            select.CommandText = "SELECT id, kind, seq, json FROM objects ORDER BY seq";
            using SqliteDataReader reader = select.ExecuteReader();
            while (reader.Read())
            {
                string id = reader.GetString(0);
                string kind = reader.GetString(1);
                long sequence = reader.GetInt64(2);
                RestoreSequence(id, sequence);
                if (reader.IsDBNull(3))
                {
                    continue;
                }

                string json = reader.GetString(3);
                try
                {
                    switch (kind)
                    {
                        case Assistant:
                            Restore(StoreJson.Deserialize<AssistantRecord>(json));
                            _assistantJson[id] = json;
                            break;
                        case Thread:
                            ThreadRecord thread = StoreJson.Deserialize<ThreadRecord>(json);
                            _stored.GetOrCreateValue(thread).ThreadJson = json;
                            threads[id] = thread;
                            break;
                        case Message:
                            messages.Add(StoreJson.Deserialize<MessageRecord>(json));
                            break;
                        case Run:
                            RunRecord run = StoreJson.Deserialize<RunRecord>(json);
                            runs[id] = run;
                            break;
                        case Step:
                            steps.Add(StoreJson.Deserialize<StepRecord>(json));
                            break;
                        default:
                            throw new EmulatorDataFileException($"The emulator's data file '{Path}' holds an object of an unknown kind '{kind}' ({id}).");
                    }
                }
                catch (System.Text.Json.JsonException ex)
                {
                    throw new EmulatorDataFileException($"The emulator's data file '{Path}' holds an unreadable {kind} {id}: {ex.Message}", ex);
                }
            }
        }

        // Rows come in creation order, so every list below is rebuilt in the order it had.
        foreach (RunRecord run in runs.Values.OrderBy(static r => r.Sequence))
        {
            if (threads.TryGetValue(run.ThreadId, out ThreadRecord? thread))
            {
                thread.Runs.Add(run);
                Remember(thread, run.Id, run.IsTerminal ? null : StoreJson.Serialize(run));
            }
        }

        foreach (StepRecord step in steps)
        {
            if (runs.TryGetValue(step.RunId, out RunRecord? run) && threads.TryGetValue(run.ThreadId, out ThreadRecord? thread))
            {
                run.Steps.Add(step);
                Remember(thread, step.Id, run.IsTerminal ? null : StoreJson.Serialize(step));
            }
        }

        foreach (MessageRecord message in messages)
        {
            if (threads.TryGetValue(message.ThreadId, out ThreadRecord? thread))
            {
                thread.Messages.Add(message);
                bool open = message.RunId is not null && runs.TryGetValue(message.RunId, out RunRecord? run) && !run.IsTerminal;
                Remember(thread, message.Id, open ? StoreJson.Serialize(message) : null);
                _stored.GetOrCreateValue(thread).Messages.Add(message.Id);
            }
        }

        foreach (ThreadRecord thread in threads.Values)
        {
            Restore(thread);
        }
    }

    private void Remember(ThreadRecord thread, string id, string? openJson)
    {
        StoredThread stored = _stored.GetOrCreateValue(thread);
        stored.Known.Add(id);
        if (openJson is not null)
        {
            stored.Open[id] = openJson;
        }
    }

    /// <summary>One object to write.</summary>
    private sealed record Row(string Id, string Kind, string? ThreadId, long Sequence, string Json)
    {
        public bool Open { get; init; }
    }

    /// <summary>What the file holds for one thread (touched under the thread's lock only).</summary>
    private sealed class StoredThread
    {
        /// <summary>Gets or sets the thread's JSON as last written.</summary>
        public string? ThreadJson { get; set; }

        /// <summary>Gets the ids of the thread's messages, runs and steps in the file.</summary>
        public HashSet<string> Known { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the ids of the thread's messages in the file.</summary>
        public HashSet<string> Messages { get; } = new(StringComparer.Ordinal);

        /// <summary>Gets the JSON last written of the objects that may still change on their own: unfinished runs, with their
        /// steps and messages.</summary>
        public Dictionary<string, string> Open { get; } = new(StringComparer.Ordinal);
    }
}
