using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// The results of sweeps in one SQLite file (WAL journal): sweeps, runs, datasets, reference values, thresholds and
/// the leases of work claimed by running processes. Every write is its own committed transaction, and rows are
/// inserted with INSERT OR IGNORE on their key, so a process killed at any moment leaves only whole runs behind, and
/// several processes may fill one store at once. A store is marked by PRAGMA application_id and its schema version
/// by user_version; a file is checked (read, never written) before it is opened for writing, so anything that is not
/// a store of this or an older schema is refused untouched. Thread-safe: calls are serialised on one connection.
/// </summary>
public sealed partial class ResultStore : IDisposable
{
    /// <summary>
    /// Version of the schema below. 1: the tables without a marker (read, and migrated on the first write);
    /// 2: application_id set and the leases table. A store written by a newer schema is refused.
    /// </summary>
    public const int SchemaVersion = 2;

    /// <summary>Status of a relative-stepsize run whose configuration has no convergent stepsize in the bracket.</summary>
    public const string NoConvergentStepsize = "NoConvergentStepsize";

    /// <summary>How long a write waits for a lock another process holds before giving up (DLN_STORE_LOCK_TIMEOUT_S overrides it).</summary>
    public static TimeSpan LockTimeout { get; } = TimeSpan.FromSeconds(
        double.TryParse(Environment.GetEnvironmentVariable("DLN_STORE_LOCK_TIMEOUT_S"), NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0 ? s : 30);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly FileIdentity? _identity;
    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly Dictionary<RowInsert.Statement, BoundInsert> _inserts = [];
    private long _checkedAt = Stopwatch.GetTimestamp();
    private string _runSelect = StoreRows.RunSelect(new HashSet<string>(RunColumns.All.Select(c => c.Name)));

    /// <summary>The store's file (a full path).</summary>
    public string Path { get; }

    /// <summary>Whether the store was opened for reading only (<see cref="OpenReadOnly"/>).</summary>
    public bool ReadOnly { get; }

    /// <summary>The version of DlnLab that writes, recorded with every sweep.</summary>
    public static string SoftwareVersion { get; } =
        typeof(ResultStore).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ResultStore).Assembly.GetName().Version?.ToString() ?? "unknown";

    private ResultStore(string path, SqliteConnection connection, bool readOnly)
    {
        Path = path;
        _connection = connection;
        ReadOnly = readOnly;
        _identity = FileIdentity.Of(path);
    }

    /// <summary>Records a sweep spec (once per distinct spec JSON).</summary>
    public void AddSweep(string name, string specJson, string specHash) => Write(tx =>
    {
        Execute("INSERT OR IGNORE INTO sweeps(spec_hash, name, spec_json, software_version, created_utc) VALUES ($h, $n, $j, $v, $t);", tx,
            ("$h", specHash), ("$n", name), ("$j", specJson), ("$v", SoftwareVersion), ("$t", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
    });

    /// <summary>Records that shard <paramref name="shard"/> of the spec with this hash is computed into this store.</summary>
    public void AddShard(string specHash, Sweeps.Shard shard) => Write(tx =>
    {
        Insert(StoreRows.InsertShard(new StoredShard(specHash, shard.Index, shard.Count)));
    });

    /// <summary>How often, at most, <see cref="AddRun"/> looks whether the file is still at its path.</summary>
    internal static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Stores a finished run; returns false if a run with its key was already there (nothing changes then). Its lease
    /// is given up in the next claim's transaction (<see cref="Claim"/>, or <see cref="ReleaseLeases"/>): a stored
    /// run is never claimed again, so the lease row meanwhile holds nothing back, and a run's commit writes its own
    /// rows alone. The file's identity is checked again at most every <see cref="CheckInterval"/>
    /// (<see cref="CheckInPlace"/>; a sweep checks once more at its end).
    /// </summary>
    public bool AddRun(StoredRun run) => AddRuns([run])[0];

    /// <summary>
    /// Stores finished runs in one transaction (all or none), as <see cref="AddRun"/> stores one; returns, per run,
    /// whether it was added (false where a run with its key was already there).
    /// </summary>
    public bool[] AddRuns(IReadOnlyList<StoredRun> runs)
    {
        var added = Write(tx =>
        {
            var inserted = new bool[runs.Count];
            for (int i = 0; i < runs.Count; i++)
            {
                inserted[i] = Insert(StoreRows.InsertRun(runs[i])) > 0;
                if (_renewal is not null) _storedLeases.Add(runs[i].Key); // only a process that claimed holds leases
            }
            return inserted;
        });
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _checkedAt)) >= CheckInterval) CheckInPlace();
        return added;
    }

    /// <summary>
    /// Throws <see cref="StoreFaultException"/> when the file this store was opened from is no longer at its path
    /// (deleted, moved, or replaced by another file): what was written since went to a file nobody can open.
    /// </summary>
    public void CheckInPlace()
    {
        long checkedAt = Stopwatch.GetTimestamp();
        var now = FileIdentity.Of(Path);
        if (!File.Exists(Path) || (_identity is { } then && now is { } current && !current.IsSameFile(then)))
            throw new StoreFaultException(Path, File.Exists(Path)
                ? "was replaced by another file while this process wrote to it; its results since then are lost"
                : "was deleted (or its folder was) while this process wrote to it; its results since then are lost");
        Volatile.Write(ref _checkedAt, checkedAt);
    }

    /// <summary>Stores a dataset and its reference values (INSERT OR IGNORE on the keys).</summary>
    public void AddDataset(StoredDataset dataset, IEnumerable<StoredReference> references) => Write(tx =>
    {
        Insert(StoreRows.InsertDataset(dataset));
        foreach (var r in references) Insert(StoreRows.InsertReference(r));
    });

    /// <summary>Stores a bisection result (INSERT OR IGNORE on its key).</summary>
    public void AddThreshold(StoredThreshold threshold) => Write(tx =>
    {
        Prepared("DELETE FROM leases WHERE key = $k AND owner = $o;", tx, ("$k", "threshold:" + threshold.Key), ("$o", Owner)).ExecuteNonQuery();
        return Insert(StoreRows.InsertThreshold(threshold)) > 0;
    });

    private T Write<T>(Func<SqliteTransaction, T> body)
    {
        if (ReadOnly) throw new InvalidOperationException("the store was opened read-only");
        lock (_gate)
        {
            return Guard(() =>
            {
                using var tx = _connection.BeginTransaction(deferred: false);
                var result = body(tx);
                tx.Commit();
                return result;
            });
        }
    }

    /// <summary>Runs a database call, turning SQLite's errors into one-line errors naming the store.</summary>
    private T Guard<T>(Func<T> call)
    {
        try { return call(); }
        catch (SqliteException e) { throw StoreErrors.Translate(Path, e); }
    }

    private void Write(Action<SqliteTransaction> body) => Write(tx => { body(tx); return true; });

    private void Execute(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        cmd.ExecuteNonQuery();
    }

    private object? Scalar(string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        using var cmd = Command(sql, tx, parameters);
        return cmd.ExecuteScalar();
    }

    /// <summary>
    /// Inserts a row through its table's statement prepared once (<see cref="BoundInsert"/>), on the connection, so
    /// within the transaction of the <see cref="Write{T}"/> that calls it.
    /// </summary>
    private int Insert(RowInsert row)
    {
        if (!_inserts.TryGetValue(row.Insert, out var insert)) _inserts.Add(row.Insert, insert = new BoundInsert(_connection, row.Insert));
        return insert.Run(row.Values);
    }

    /// <summary>
    /// The command of a statement run often (per run or lease), prepared on first use and reused from then on (under
    /// the gate), with these parameter values.
    /// </summary>
    private SqliteCommand Prepared(string sql, SqliteTransaction? tx, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (!_prepared.TryGetValue(sql, out var cmd))
        {
            var names = new string[parameters.Length];
            for (int i = 0; i < names.Length; i++) names[i] = parameters[i].Name;
            cmd = Prepare(sql, names);
        }
        cmd.Transaction = tx;
        for (int i = 0; i < parameters.Length; i++) cmd.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        return cmd;
    }

    private SqliteCommand Prepare(string sql, string[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (string name in parameters) cmd.Parameters.Add(new SqliteParameter { ParameterName = name });
        _prepared.Add(sql, cmd);
        return cmd;
    }

    private SqliteCommand Command(string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = _connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    /// <summary>Releases this process's leases and closes the connection.</summary>
    public void Dispose()
    {
        try { if (_renewal is not null) ReleaseLeases(); }
        catch (Exception e) when (e is StoreFaultException or InvalidInputException) { } // leases of a lost store expire by themselves
        lock (_gate)
        {
            foreach (var insert in _inserts.Values) insert.Dispose();
            _inserts.Clear();
            foreach (var cmd in _prepared.Values) cmd.Dispose();
            _prepared.Clear();
            _connection.Dispose();
        }
    }
}
