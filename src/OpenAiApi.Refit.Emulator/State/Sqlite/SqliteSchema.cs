using System.Globalization;
using Microsoft.Data.Sqlite;

namespace OpenAiApi.Refit.Emulator.State.Sqlite;

/// <summary>
/// The data file's settings and schema: exclusive locking (one process at a time), WAL journal, synchronous commits; a
/// <c>schema_version</c> table with one row per applied migration. A file written by a newer emulator is refused, never changed.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>The <c>application_id</c> that marks an emulator data file ("OAEM").</summary>
    public const long ApplicationId = 0x4F41454D;

    /// <summary>The migrations, in order; a migration's version is its position plus one. Append, never edit.</summary>
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE objects (
            id        TEXT    NOT NULL PRIMARY KEY,
            kind      TEXT    NOT NULL,
            thread_id TEXT,
            seq       INTEGER NOT NULL,
            json      TEXT
        );
        CREATE INDEX objects_by_thread ON objects (thread_id) WHERE thread_id IS NOT NULL;
        """,
    ];

    /// <summary>Gets the schema version this emulator writes.</summary>
    public static int CurrentVersion => Migrations.Length;

    /// <summary>Sets the connection up and creates or migrates the schema.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="EmulatorDataFileException">The file is not an emulator data file or is newer than this emulator.</exception>
    public static void Prepare(SqliteConnection connection, string path)
    {
        // Exclusive before anything else: the first read takes the file's lock and holds it until the connection closes (a second
        // process is refused instead of writing beside this one), and in WAL mode the WAL index then lives in this process's memory.
        Execute(connection, "PRAGMA locking_mode = EXCLUSIVE;");

        // Checked before anything is written: a file that is not ours, or is newer than this emulator, is left as it was.
        long applicationId = Convert.ToInt64(Scalar(connection, "PRAGMA application_id;"), CultureInfo.InvariantCulture);
        long tables = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table';"), CultureInfo.InvariantCulture);
        if (applicationId != ApplicationId && (applicationId != 0 || tables > 0))
        {
            throw new EmulatorDataFileException(
                $"'{path}' is not an emulator data file (it is a SQLite database of something else); the emulator leaves it alone. Give a new file or an emulator data file.");
        }

        bool versioned = Convert.ToInt64(Scalar(connection, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';"), CultureInfo.InvariantCulture) > 0;
        long version = versioned ? Convert.ToInt64(Scalar(connection, "SELECT coalesce(max(version), 0) FROM schema_version;"), CultureInfo.InvariantCulture) : 0;
        if (version > CurrentVersion)
        {
            throw new EmulatorDataFileException(
                $"The emulator's data file '{path}' has schema version {version}, written by a newer emulator; this one knows versions up to {CurrentVersion}. "
                + "The file was left untouched: run the newer emulator, or give this one another file.");
        }

        string mode = Convert.ToString(Scalar(connection, "PRAGMA journal_mode = WAL;"), CultureInfo.InvariantCulture) ?? string.Empty;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            throw new EmulatorDataFileException($"The emulator's data file '{path}' cannot use the WAL journal (SQLite answered '{mode}').");
        }

        // Every commit is on disk before the call is answered, power loss included.
        Execute(connection, "PRAGMA synchronous = FULL;");
        using SqliteTransaction transaction = connection.BeginTransaction();
        Execute(connection, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL);", transaction);
        for (int next = (int)version + 1; next <= CurrentVersion; next++)
        {
            Execute(connection, Migrations[next - 1], transaction);
            using SqliteCommand record = connection.CreateCommand();
            record.Transaction = transaction;
            record.CommandText = "INSERT INTO schema_version (version, applied_at) VALUES ($version, $at);";
            record.Parameters.AddWithValue("$version", next);
            record.Parameters.AddWithValue("$at", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
            record.ExecuteNonQuery();
        }

        if (applicationId == 0)
        {
            Execute(connection, $"PRAGMA application_id = {ApplicationId.ToString(CultureInfo.InvariantCulture)};", transaction);
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
