using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Storage;

/// <summary>Mapping between the stored records and table rows.</summary>
internal static class StoreRows
{
    // Each table's columns are listed once: its INSERT and SELECT are built from the list. Runs (the record most likely
    // to gain fields) are read by column name; the small tables below by position.
    /// <summary>The columns of the runs table, in <see cref="RunColumns.All"/>'s order.</summary>
    public static readonly string[] RunColumnNames = [.. RunColumns.All.Select(c => c.Name)];

    /// <summary>The columns of the datasets table.</summary>
    public static readonly string[] DatasetColumns =
        ["key", "n", "d", "s", "noise", "nonzeros", "nonzero_scale", "support", "n_test", "data_seed", "beta_star"];

    /// <summary>The columns of the dataset_references table.</summary>
    public static readonly string[] ReferenceColumns = ["dataset_key", "alpha", "name", "value"];

    /// <summary>The columns of the thresholds table, also those of the exported thresholds.csv.</summary>
    public static readonly string[] ThresholdColumns =
    [
        "key", "dataset_key", "alpha", "batch_size", "batch_seed", "low", "high", "precision", "stepsize", "found",
        "hit_cap", "evaluations", "smallest_failure",
    ];

    /// <summary>The columns of the shards table.</summary>
    public static readonly string[] ShardColumns = ["spec_hash", "shard", "shards"];

    /// <summary>The query of every run column; a column the table lacks is read as its <see cref="RunColumn.Earlier"/> value.</summary>
    public static string RunSelect(IReadOnlySet<string> present) =>
        $"SELECT {string.Join(", ", RunColumns.All.Select(c => present.Contains(c.Name) ? c.Name : $"{c.Earlier} AS {c.Name}"))} FROM runs";

    /// <summary>The statements that add the columns a store's runs table lacks (each with its earlier value).</summary>
    public static IEnumerable<string> AddMissingRunColumns(IReadOnlySet<string> present) => RunColumns.All
        .Where(c => !present.Contains(c.Name))
        .Select(c => $"ALTER TABLE runs ADD COLUMN {c.Name} {StoreSchema.SqlType(c.Type)}{(c.Earlier == "NULL" ? "" : " DEFAULT " + c.Earlier)}");
    public static readonly string DatasetSelect = Select("datasets", DatasetColumns);
    public static readonly string ReferenceSelect = Select("dataset_references", ReferenceColumns);
    public static readonly string ThresholdSelect = Select("thresholds", ThresholdColumns);
    public static readonly string ShardSelect = Select("shards", ShardColumns);

    private static readonly RowInsert.Statement RunInsert = new("runs", RunColumnNames);
    private static readonly RowInsert.Statement DatasetInsert = new("datasets", DatasetColumns);
    private static readonly RowInsert.Statement ReferenceInsert = new("dataset_references", ReferenceColumns);
    private static readonly RowInsert.Statement ThresholdInsert = new("thresholds", ThresholdColumns);
    private static readonly RowInsert.Statement ShardInsert = new("shards", ShardColumns);

    public static RowInsert InsertRun(StoredRun r)
    {
        var columns = RunColumns.All;
        var values = new object?[columns.Count];
        for (int i = 0; i < values.Length; i++)
        {
            var column = columns[i];
            values[i] = column.Type == ColumnType.Vector ? DoubleBlob.ToBytes((double[])r[column]!) : r[column];
        }
        return RunInsert.With(values);
    }

    /// <summary>Reads the runs of a query that selects every run column (by name, wherever the query puts them).</summary>
    public static Func<SqliteDataReader, StoredRun> RunReader(SqliteDataReader reader)
    {
        var ordinals = RunColumns.All.Select(c => reader.GetOrdinal(c.Name)).ToArray();
        return x => StoredRun.FromValues([.. RunColumns.All.Select(c => ReadValue(x, ordinals[c.Index], c.Type))]);
    }

    private static object? ReadValue(SqliteDataReader x, int i, ColumnType type) => type switch
    {
        ColumnType.Text => x.GetString(i),
        ColumnType.Int => x.GetInt32(i),
        ColumnType.Long => x.GetInt64(i),
        ColumnType.Unsigned => Unsigned(x.GetInt64(i)),
        ColumnType.Real => Nan(x, i),
        ColumnType.OptionalReal => Opt(x, i),
        ColumnType.Flag => x.GetInt64(i) != 0,
        _ => Blob(x, i),
    };

    public static RowInsert InsertDataset(StoredDataset d) => DatasetInsert.With(
        [d.Key, d.N, d.D, d.S, d.Noise, d.Nonzeros, d.NonzeroScale, d.Support, d.NTest, d.DataSeed, DoubleBlob.ToBytes(d.BetaStar)]);

    public static StoredDataset ReadDataset(SqliteDataReader x) => new(
        x.GetString(0), x.GetInt32(1), x.GetInt32(2), x.GetInt32(3), x.GetDouble(4), x.GetString(5), x.GetDouble(6),
        x.GetString(7), x.GetInt32(8), Unsigned(x.GetInt64(9)), Blob(x, 10));

    public static RowInsert InsertReference(StoredReference r) => ReferenceInsert.With([r.DatasetKey, r.Alpha, r.Name, r.Value]);

    public static StoredReference ReadReference(SqliteDataReader x) => new(x.GetString(0), x.GetDouble(1), x.GetString(2), Nan(x, 3));

    /// <summary>A threshold's values in <see cref="ThresholdColumns"/> order (flags as 0 or 1), for the table and the export.</summary>
    public static object?[] ThresholdValues(StoredThreshold t) =>
    [
        t.Key, t.DatasetKey, t.Alpha, (long)t.BatchSize, t.BatchSeed, t.Low, t.High, t.Precision, t.Stepsize,
        t.Found ? 1L : 0L, t.HitCap ? 1L : 0L, (long)t.Evaluations, t.SmallestFailure,
    ];

    public static RowInsert InsertThreshold(StoredThreshold t) => ThresholdInsert.With(ThresholdValues(t));

    public static StoredThreshold ReadThreshold(SqliteDataReader x) => new(
        x.GetString(0), x.GetString(1), x.GetDouble(2), x.GetInt32(3), Unsigned(x.GetInt64(4)), x.GetDouble(5),
        x.GetDouble(6), x.GetDouble(7), Nan(x, 8), x.GetInt64(9) != 0, x.GetInt64(10) != 0, x.GetInt32(11), Nan(x, 12));

    public static RowInsert InsertShard(StoredShard s) => ShardInsert.With([s.SpecHash, (long)s.Index, (long)s.Count]);

    public static StoredShard ReadShard(SqliteDataReader x) => new(x.GetString(0), x.GetInt32(1), x.GetInt32(2));

    private static string Select(string table, string[] columns) => $"SELECT {string.Join(", ", columns)} FROM {table}";

    /// <summary>
    /// A value as SQLite keeps it (applied to every inserted value by <see cref="RowInsert"/>): unsigned seeds bit for bit in its signed 64-bit integers, and NaN
    /// (which it has not) as NULL, like a missing optional value; reads turn NULL back into NaN, or null where optional.
    /// </summary>
    internal static object Value(object? x) => x switch
    {
        null => DBNull.Value,
        double v when double.IsNaN(v) => DBNull.Value,
        ulong u => unchecked((long)u),
        bool b => b ? 1L : 0L,
        _ => x,
    };

    private static ulong Unsigned(long x) => unchecked((ulong)x);
    private static double Nan(SqliteDataReader x, int i) => x.IsDBNull(i) ? double.NaN : x.GetDouble(i);
    private static double? Opt(SqliteDataReader x, int i) => x.IsDBNull(i) ? null : x.GetDouble(i);
    private static double[] Blob(SqliteDataReader x, int i) => DoubleBlob.FromBytes((byte[])x.GetValue(i));
}
