namespace DlnLab.Experiments.Storage;

/// <summary>
/// The tables of a result store (schema version <see cref="ResultStore.SchemaVersion"/>). The runs table is built
/// from <see cref="RunColumns"/>; a store is marked as DlnLab's by <see cref="ApplicationId"/> in its header.
/// </summary>
internal static class StoreSchema
{
    /// <summary>PRAGMA application_id of a DlnLab store: "DlnL" in ASCII.</summary>
    public const int ApplicationId = 0x446C6E4C;

    public static readonly string RunsTable =
        $"CREATE TABLE IF NOT EXISTS runs ({string.Join(", ", RunColumns.All.Select(c => c.Name + " " + SqlType(c.Type)))}, PRIMARY KEY (key))";

    public static readonly string[] Statements =
    [
        """
        CREATE TABLE IF NOT EXISTS sweeps (
            spec_hash TEXT PRIMARY KEY, name TEXT NOT NULL, spec_json TEXT NOT NULL,
            software_version TEXT NOT NULL, created_utc TEXT NOT NULL)
        """,
        RunsTable,
        "CREATE INDEX IF NOT EXISTS runs_by_sweep ON runs(sweep)",
        """
        CREATE TABLE IF NOT EXISTS datasets (
            key TEXT PRIMARY KEY, n INTEGER NOT NULL, d INTEGER NOT NULL, s INTEGER NOT NULL, noise REAL NOT NULL,
            nonzeros TEXT NOT NULL, nonzero_scale REAL NOT NULL, support TEXT NOT NULL, n_test INTEGER NOT NULL,
            data_seed INTEGER NOT NULL, beta_star BLOB NOT NULL)
        """,
        """
        CREATE TABLE IF NOT EXISTS dataset_references (
            dataset_key TEXT NOT NULL, alpha REAL NOT NULL, name TEXT NOT NULL, value REAL,
            PRIMARY KEY (dataset_key, alpha, name))
        """,
        """
        CREATE TABLE IF NOT EXISTS thresholds (
            key TEXT PRIMARY KEY, dataset_key TEXT NOT NULL, alpha REAL NOT NULL, batch_size INTEGER NOT NULL,
            batch_seed INTEGER NOT NULL, low REAL NOT NULL, high REAL NOT NULL, precision REAL NOT NULL,
            stepsize REAL, found INTEGER NOT NULL, hit_cap INTEGER NOT NULL, evaluations INTEGER NOT NULL,
            smallest_failure REAL)
        """,
        // Work claimed by a running process (schema version 2): a run or threshold key, who holds it, and until when
        // (Unix milliseconds). A lease whose holder died or whose time ran out may be taken by anyone.
        "CREATE TABLE IF NOT EXISTS leases (key TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_ms INTEGER NOT NULL)",
        // The shards of a sweep computed into this store (`dln sweep --shard I/N`), so that a merge can name the shards
        // it lacks. Added within schema version 2 (older readers ignore it; a store without it has no shard).
        ShardsTable,
    ];

    /// <summary>The shards table: which shard I of N of which spec (its hash) was computed here.</summary>
    public const string ShardsTable =
        "CREATE TABLE IF NOT EXISTS shards (spec_hash TEXT NOT NULL, shard INTEGER NOT NULL, shards INTEGER NOT NULL, PRIMARY KEY (spec_hash, shard, shards))";

    /// <summary>The tables every version of the store has had (a store of schema version 1 has exactly these).</summary>
    public static readonly string[] VersionOneTables = ["sweeps", "runs", "datasets", "dataset_references", "thresholds"];

    public static string SqlType(ColumnType type) => type switch
    {
        ColumnType.Text => "TEXT NOT NULL",
        ColumnType.Int or ColumnType.Long or ColumnType.Unsigned or ColumnType.Flag => "INTEGER NOT NULL",
        ColumnType.Real or ColumnType.OptionalReal => "REAL",
        _ => "BLOB NOT NULL",
    };
}
