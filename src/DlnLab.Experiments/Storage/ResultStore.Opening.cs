using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

public sealed partial class ResultStore
{
    /// <summary>
    /// Opens the store at <paramref name="path"/> for writing, creating it if nothing is there (a store created here that
    /// then cannot be opened is removed again, with the folders made for it, so a failed creation leaves nothing). Throws
    /// <see cref="InvalidInputException"/> (the file untouched) when the path holds anything but a store this version
    /// reads, and <see cref="StoreFaultException"/> for an I/O fault or a lock held too long by another program.
    /// </summary>
    public static ResultStore Open(string path)
    {
        string full = FullPath(path);
        var kind = StoreFile.Inspect(full);
        var created = kind == StoreFileKind.Missing ? StoreCreation.Create(full) : null;
        ResultStore? store = null;
        try
        {
            StoreCheck.Verify(full, created?.Kind ?? kind);
            store = new ResultStore(full, Connect(full, SqliteOpenMode.ReadWrite), readOnly: false);
            store.Initialise();
            store.ReadSchema();
        }
        catch
        {
            store?.Dispose();
            if (created is not null) StoreCreation.Undo(created); // a store made here and not usable is not left behind
            throw;
        }
        return store;
    }

    /// <summary>Opens an existing store for reading only (nothing is written, not even a migration); refuses as <see cref="Open"/> does.</summary>
    public static ResultStore OpenReadOnly(string path)
    {
        string full = FullPath(path);
        var kind = StoreFile.Inspect(full);
        if (kind == StoreFileKind.Missing) throw StoreFile.Refused(full, "does not exist; give the file written by 'dln sweep --store'");
        StoreCheck.Verify(full, kind);
        var store = new ResultStore(full, StoreCheck.ConnectReadOnly(full), readOnly: true);
        try { store.ReadSchema(); }
        catch
        {
            store.Dispose();
            throw;
        }
        return store;
    }

    private static string FullPath(string path)
    {
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0')) throw StoreFile.Refused(path, "is not a file name; give a .db file");
        return System.IO.Path.GetFullPath(path);
    }

    internal static SqliteConnection Connect(string dataSource, SqliteOpenMode mode)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = dataSource, Mode = mode, Pooling = false, DefaultTimeout = (int)Math.Ceiling(LockTimeout.TotalSeconds),
        };
        var connection = new SqliteConnection(builder.ToString());
        try
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = $"PRAGMA busy_timeout = {(long)LockTimeout.TotalMilliseconds};";
            cmd.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw StoreErrors.Translate(dataSource, e);
        }
        return connection;
    }

    private void Initialise() => Guard(() =>
    {
        Execute("PRAGMA journal_mode = WAL;");
        // NORMAL in WAL mode: a committed run survives the process being killed (not a power cut).
        Execute("PRAGMA synchronous = NORMAL;");
        using var tx = _connection.BeginTransaction(deferred: false);
        long version = (long)Scalar("PRAGMA user_version;", tx)!;
        if (version > SchemaVersion) throw StoreFile.Refused(Path, $"is a DlnLab store of schema version {version}, written by a newer DlnLab; this one reads versions up to {SchemaVersion}");
        foreach (var statement in StoreSchema.Statements) Execute(statement, tx);
        var present = new HashSet<string>(StringComparer.Ordinal);
        using (var cmd = Command("SELECT name FROM pragma_table_info('runs')", tx))
        using (var reader = cmd.ExecuteReader())
            while (reader.Read()) present.Add(reader.GetString(0));
        foreach (var statement in StoreRows.AddMissingRunColumns(present)) Execute(statement, tx);
        if (version < SchemaVersion)
        {
            Execute($"PRAGMA application_id = {StoreSchema.ApplicationId};", tx);
            Execute($"PRAGMA user_version = {SchemaVersion};", tx);
        }
        tx.Commit();
        return true;
    });

    // Which run columns the table has: a read-only store may lack columns added since it was written.
    private void ReadSchema()
    {
        _runSelect = StoreRows.RunSelect(Guard(() => StoreCheck.RunColumnNames(_connection)));
        SchemaOnDisk = (int)(long)Guard(() => Scalar("PRAGMA user_version;"))!;
    }

    /// <summary>The schema version of the file (<see cref="SchemaVersion"/> once opened for writing; an older one may be read).</summary>
    public int SchemaOnDisk { get; private set; }
}
