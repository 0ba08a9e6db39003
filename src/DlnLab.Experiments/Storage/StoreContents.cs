using System.Globalization;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// A store's rows as a merge copies them (<see cref="MergeRow"/>): sweeps, shards, datasets, reference values,
/// thresholds and runs, in that order. Leases are not copied: they belong to processes of the store they came from.
/// </summary>
internal static class StoreContents
{
    private static readonly string[] SweepColumns = ["spec_hash", "name", "spec_json", "software_version", "created_utc"];
    private static readonly RowInsert.Statement SweepInsert = new("sweeps", SweepColumns);

    /// <summary>The columns of each table a merge copies, for naming the column that differs.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Columns = new Dictionary<string, IReadOnlyList<string>>
    {
        ["sweeps"] = SweepColumns, ["shards"] = StoreRows.ShardColumns, ["datasets"] = StoreRows.DatasetColumns,
        ["dataset_references"] = StoreRows.ReferenceColumns, ["thresholds"] = StoreRows.ThresholdColumns,
        ["runs"] = StoreRows.RunColumnNames,
    };

    /// <summary>The rows of <paramref name="store"/> a merge copies, table by table in the order above.</summary>
    public static IEnumerable<MergeRow> Of(ResultStore store)
    {
        // A sweep row's version and creation time say who registered it first; they are not results, so never a conflict.
        foreach (var s in store.Sweeps())
            yield return new(Table: "sweeps", s.SpecHash, SweepInsert.With([s.SpecHash, s.Name, s.SpecJson, s.SoftwareVersion, s.CreatedUtc]), Ignored: -1, $"sweep spec {s.SpecHash}") { Compared = false };
        foreach (var s in store.Shards())
            yield return new("shards", $"{s.SpecHash}|{s.Index}/{s.Count}", StoreRows.InsertShard(s), -1, $"shard {s.Index}/{s.Count}");
        foreach (var d in store.Datasets())
            yield return new("datasets", d.Key, StoreRows.InsertDataset(d), -1, $"dataset {d.Key}");
        foreach (var r in store.References())
            yield return new("dataset_references", $"{r.DatasetKey}|{R(r.Alpha)}|{r.Name}", StoreRows.InsertReference(r), -1,
                $"reference value {r.Name} of dataset {r.DatasetKey} at alpha {R(r.Alpha)}");
        foreach (var t in store.Thresholds())
            yield return new("thresholds", t.Key, StoreRows.InsertThreshold(t), -1, $"threshold {t.Key} (alpha {R(t.Alpha)}, b = {t.BatchSize})");
        foreach (var r in store.Runs())
            yield return new("runs", r.Key, StoreRows.InsertRun(r), RunColumns.WallSeconds.Index,
                $"run {r.Key} (sweep '{r.Sweep}', dataset {r.DataIndex}, alpha {R(r.Alpha)}, b = {r.BatchSize}, " +
                (r.StepsizeFraction is double f ? $"stepsize fraction {R(f)}" : $"stepsize {R(r.Stepsize)}") + $", repeat {r.Repeat})");
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
