using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

public sealed partial class ResultStore
{
    private const string RunOrder = " ORDER BY sweep, n, d, s, noise, data_index, alpha, batch_size, repeat, stepsize_fraction, stepsize, key";

    /// <summary>All runs of one sweep (or of all sweeps when null), ordered by their grid coordinates.</summary>
    public IReadOnlyList<StoredRun> Runs(string? sweep = null) => ReadRuns(_runSelect, sweep, RunOrder, StoreRows.RunReader);

    /// <summary>
    /// Each stored run's key, status and Theorem 2.2 residual, for a sweep (all sweeps when null): what a sweep's summary
    /// counts, read without the runs' other columns and arrays.
    /// </summary>
    public IReadOnlyList<StoredOutcome> Outcomes(string? sweep = null) => ReadRuns<StoredOutcome>(
        $"SELECT {RunColumns.Key.Name}, {RunColumns.Status.Name}, {RunColumns.Theorem22Residual.Name} FROM runs", sweep, "",
        _ => x => new StoredOutcome(x.GetString(0), x.GetString(1), x.IsDBNull(2) ? null : x.GetDouble(2)));

    /// <summary>The keys of the runs already stored for a sweep (all sweeps when null).</summary>
    public IReadOnlySet<string> RunKeys(string? sweep = null) => ReadRuns<string>("SELECT key FROM runs", sweep, "", _ => x => x.GetString(0)).ToHashSet();

    /// <summary>Number of stored runs of a sweep (all sweeps when null).</summary>
    public long RunCount(string? sweep = null) => ReadRuns<long>("SELECT COUNT(*) FROM runs", sweep, "", _ => x => x.GetInt64(0))[0];

    /// <summary>The registered sweep specs, oldest first.</summary>
    public IReadOnlyList<StoredSweep> Sweeps() => Read(
        "SELECT name, spec_hash, spec_json, software_version, created_utc FROM sweeps ORDER BY created_utc, spec_hash",
        x => new StoredSweep(x.GetString(0), x.GetString(1), x.GetString(2), x.GetString(3), x.GetString(4)));

    /// <summary>The shards computed into this store (none for a store written before shards existed).</summary>
    public IReadOnlyList<StoredShard> Shards() =>
        Read("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'shards'", x => x.GetString(0)).Count == 0 ? []
            : Read(StoreRows.ShardSelect + " ORDER BY spec_hash, shards, shard", StoreRows.ReadShard);

    /// <summary>All stored datasets, by key.</summary>
    public IReadOnlyList<StoredDataset> Datasets() => Read(StoreRows.DatasetSelect + " ORDER BY key", StoreRows.ReadDataset);

    /// <summary>The reference values of all datasets (or of one).</summary>
    public IReadOnlyList<StoredReference> References(string? datasetKey = null) => datasetKey is null
        ? Read(StoreRows.ReferenceSelect + " ORDER BY dataset_key, alpha, name", StoreRows.ReadReference)
        : Read(StoreRows.ReferenceSelect + " WHERE dataset_key = $k ORDER BY alpha, name", StoreRows.ReadReference, ("$k", datasetKey));

    /// <summary>All stored largest-convergent-stepsize results, by key.</summary>
    public IReadOnlyList<StoredThreshold> Thresholds() => Read(StoreRows.ThresholdSelect + " ORDER BY key", StoreRows.ReadThreshold);

    /// <summary>The stored threshold with this key, if any.</summary>
    public StoredThreshold? Threshold(string key) =>
        Read(StoreRows.ThresholdSelect + " WHERE key = $k", StoreRows.ReadThreshold, ("$k", key)).FirstOrDefault();

    /// <summary>A query on the runs table, restricted to one sweep unless <paramref name="sweep"/> is null.</summary>
    /// <param name="select">The SELECT clause and table.</param>
    /// <param name="sweep">The sweep whose runs are read; null: every run.</param>
    /// <param name="order">The ORDER BY clause.</param>
    /// <param name="mapFor">Given the reader, the function that maps its rows (so that it can look columns up by name once).</param>
    private List<T> ReadRuns<T>(string select, string? sweep, string order, Func<SqliteDataReader, Func<SqliteDataReader, T>> mapFor) => sweep is null
        ? Read(select + order, mapFor)
        : Read(select + " WHERE sweep = $s" + order, mapFor, ("$s", sweep));

    private List<T> Read<T>(string sql, Func<SqliteDataReader, T> map, params (string Name, object? Value)[] parameters) =>
        Read(sql, _ => map, parameters);

    private List<T> Read<T>(string sql, Func<SqliteDataReader, Func<SqliteDataReader, T>> mapFor, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var cmd = Command(sql, null, parameters);
            using var reader = Guard(cmd.ExecuteReader);
            var map = mapFor(reader);
            var list = new List<T>();
            while (Guard(reader.Read)) list.Add(map(reader));
            return list;
        }
    }
}
