using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// The results of sweeps in one SQLite file (WAL journal): sweeps, runs, datasets, reference values and thresholds.
/// Every write is its own committed transaction, and rows are inserted with INSERT OR IGNORE on their key, so a
/// process killed at any moment leaves only whole runs behind, and two processes may fill one store at once.
/// Thread-safe: calls from several threads are serialised on one connection.
/// </summary>
public sealed partial class ResultStore : IDisposable
{
    /// <summary>Version of the schema below; a store written by a newer schema is refused.</summary>
    public const int SchemaVersion = 1;

    /// <summary>Status of a relative-stepsize run whose configuration has no convergent stepsize in the bracket.</summary>
    public const string NoConvergentStepsize = "NoConvergentStepsize";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public string Path { get; }

    /// <summary>The version of DlnLab that writes, recorded with every sweep.</summary>
    public static string SoftwareVersion { get; } =
        typeof(ResultStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ResultStore).Assembly.GetName().Version?.ToString() ?? "unknown";

    private ResultStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
    }

    /// <summary>Opens (creating if needed) the store at <paramref name="path"/>.</summary>
    public static ResultStore Open(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? dir = System.IO.Path.GetDirectoryName(full);
        if (dir is not null) Directory.CreateDirectory(dir);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false, DefaultTimeout = 60,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        var store = new ResultStore(full, connection);
        try { store.Initialise(); }
        catch { connection.Dispose(); throw; }
        return store;
    }

    private void Initialise()
    {
        // busy_timeout first: switching to WAL and creating tables may wait for another process.
        Execute("PRAGMA busy_timeout = 60000;");
        Execute("PRAGMA journal_mode = WAL;");
        // NORMAL in WAL mode: a committed run survives the process being killed (not a power cut).
        Execute("PRAGMA synchronous = NORMAL;");
        using var tx = _connection.BeginTransaction(deferred: false);
        long version = (long)Scalar("PRAGMA user_version;", tx)!;
        if (version > SchemaVersion)
            throw new InvalidInputException("store", Path, $"was written with schema version {version}; this DlnLab reads up to {SchemaVersion}");
        foreach (var statement in StoreSchema.Statements) Execute(statement, tx);
        if (version < SchemaVersion) Execute($"PRAGMA user_version = {SchemaVersion};", tx);
        tx.Commit();
    }

    /// <summary>Records a sweep spec (once per distinct spec JSON).</summary>
    public void AddSweep(string name, string specJson, string specHash) => Write(tx =>
    {
        Execute("INSERT OR IGNORE INTO sweeps(spec_hash, name, spec_json, software_version, created_utc) VALUES ($h, $n, $j, $v, $t);", tx,
            ("$h", specHash), ("$n", name), ("$j", specJson), ("$v", SoftwareVersion), ("$t", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
    });

    /// <summary>Stores a finished run; returns false if a run with its key was already there (nothing changes then).</summary>
    public bool AddRun(StoredRun run) => Write(tx => StoreRows.InsertRun(_connection, tx, run) > 0);

    /// <summary>Stores a dataset and its reference values (INSERT OR IGNORE on the keys).</summary>
    public void AddDataset(StoredDataset dataset, IEnumerable<StoredReference> references) => Write(tx =>
    {
        StoreRows.InsertDataset(_connection, tx, dataset);
        foreach (var r in references) StoreRows.InsertReference(_connection, tx, r);
    });

    /// <summary>Stores a bisection result (INSERT OR IGNORE on its key).</summary>
    public void AddThreshold(StoredThreshold threshold) => Write(tx => StoreRows.InsertThreshold(_connection, tx, threshold) > 0);

    private T Write<T>(Func<SqliteTransaction, T> body)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction(deferred: false);
            var result = body(tx);
            tx.Commit();
            return result;
        }
    }

    private void Write(Action<SqliteTransaction> body) => Write(tx => { body(tx); return true; });

    private void Execute(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? tx = null)
    {
        using var cmd = Command(sql, tx);
        return cmd.ExecuteScalar();
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }
}
