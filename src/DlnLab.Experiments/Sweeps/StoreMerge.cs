using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Sweeps;

/// <summary>What one shard of the plan lacks after a merge.</summary>
/// <param name="Shard">The shard (index and count).</param>
/// <param name="Given">Some input store was computed as this shard (false: none of the inputs is it).</param>
/// <param name="Runs">Runs of the plan in this shard.</param>
/// <param name="MissingRuns">Of those, the runs the merged store lacks.</param>
/// <param name="Thresholds">Largest-convergent-stepsize bisections of the plan in this shard.</param>
/// <param name="MissingThresholds">Of those, the thresholds the merged store lacks.</param>
public sealed record ShardGap(Shard Shard, bool Given, int Runs, int MissingRuns, int Thresholds, int MissingThresholds);

/// <summary>What a merge did, and what of the sweep's plan the merged store still lacks.</summary>
/// <param name="SweepName">Name of the merged sweep.</param>
/// <param name="SpecHash">Hash of its spec, the same in every input.</param>
/// <param name="Inputs">Number of input stores.</param>
/// <param name="Added">Rows new to the target, by table (runs, thresholds, datasets, dataset_references, shards, sweeps).</param>
/// <param name="AlreadyThere">Rows of the inputs the target already held with the same values, by table.</param>
/// <param name="PlanRuns">Runs in the sweep's plan.</param>
/// <param name="MissingRuns">Of those, the runs the merged store lacks.</param>
/// <param name="PlanThresholds">Largest-convergent-stepsize bisections in the plan.</param>
/// <param name="MissingThresholds">Of those, the thresholds the merged store lacks.</param>
/// <param name="ShardCount">The shard count the inputs were computed with, when they all name the same one.</param>
/// <param name="Gaps">The shards that lack runs or thresholds (with <see cref="ShardCount"/>), by index.</param>
public sealed record MergeResult(string SweepName, string SpecHash, int Inputs, IReadOnlyDictionary<string, int> Added,
    IReadOnlyDictionary<string, int> AlreadyThere, int PlanRuns, int MissingRuns, int PlanThresholds, int MissingThresholds,
    int? ShardCount, IReadOnlyList<ShardGap> Gaps)
{
    /// <summary>Every run and threshold of the plan is in the merged store.</summary>
    public bool Complete => MissingRuns == 0 && MissingThresholds == 0;
}

/// <summary>
/// Merges stores of one sweep (the shards of `dln sweep --shard`, or any stores of the same spec) into one. The inputs
/// must all hold exactly one sweep spec, the same one (by its hash), and be of this version's schema; the target, if
/// it exists, may hold only that spec. Runs, thresholds, datasets, reference values and the shard records are copied
/// once each (rows keyed as in the store); a row found twice must hold the same values, bit for bit (a run's wall
/// time aside: the first copy's is kept, the target's own before the inputs', then the inputs' in the order given),
/// otherwise the merge is refused naming the row, the column and both files, and nothing is written (the inputs are
/// read twice: first to check, holding a digest per row rather than the rows, then to copy, in one transaction). So merging in
/// any order gives the same numbers, merging again adds nothing, and merging a subset gives the union of that subset;
/// what the plan still lacks is reported per shard, so a failed task is seen. Inputs are only read.
/// </summary>
public static class StoreMerge
{
    private const string Field = "merge";

    /// <summary>Merges the stores <paramref name="inputs"/> into the store <paramref name="into"/> (created if absent) and reports what the plan still lacks.</summary>
    public static MergeResult Merge(IReadOnlyList<string> inputs, string into)
    {
        if (inputs.Count == 0) throw new InvalidInputException("inputs", "needs at least one store to merge");
        string target = Path.GetFullPath(into);
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        var stores = new List<ResultStore>();
        try
        {
            foreach (string input in inputs)
            {
                string full = Path.GetFullPath(input);
                if (full == target || SameFile(full, target))
                    throw new InvalidInputException("into", into, $"is also an input ({input}); merge into a new or another store");
                var store = ResultStore.OpenReadOnly(input);
                stores.Add(store);
                string identity = FileIdentity.Of(store.Path) is { } id ? $"{id.Device}:{id.Inode}" : store.Path;
                if (seen.TryGetValue(identity, out string? earlier)) throw new InvalidInputException(Field, $"{input} is given twice (also as {earlier}); give each store once");
                seen[identity] = input;
            }
            var (name, hash, specJson) = CheckSpecs(stores);
            return MergeInto(stores, target, name, hash, specJson);
        }
        finally
        {
            foreach (var s in stores) s.Dispose();
        }
    }

    private static bool SameFile(string a, string b) =>
        FileIdentity.Of(a) is { } x && FileIdentity.Of(b) is { } y && x.IsSameFile(y);

    private static (string Name, string Hash, string Json) CheckSpecs(IReadOnlyList<ResultStore> stores)
    {
        StoredSweep? first = null;
        ResultStore? firstStore = null;
        foreach (var store in stores)
        {
            if (store.SchemaOnDisk != ResultStore.SchemaVersion)
                throw StoreFile.Refused(store.Path, $"is a store of schema version {store.SchemaOnDisk}; merge takes stores of version {ResultStore.SchemaVersion} (open it once with this version's 'dln sweep' to migrate it)");
            var sweeps = store.Sweeps();
            if (sweeps.Count == 0) throw StoreFile.Refused(store.Path, "holds no sweep (its task stopped before it began): leave it out, or run its task again");
            if (sweeps.Count > 1)
                throw StoreFile.Refused(store.Path, $"holds {sweeps.Count} sweep specs ({string.Join(", ", sweeps.Select(s => $"'{s.Name}' {s.SpecHash}"))}); merge takes stores of one spec");
            if (first is null) { first = sweeps[0]; firstStore = store; continue; }
            if (sweeps[0].SpecHash != first.SpecHash)
                throw StoreFile.Refused(store.Path, $"holds sweep '{sweeps[0].Name}' of spec {sweeps[0].SpecHash}, not the spec {first.SpecHash} of '{first.Name}' in {firstStore!.Path}; merge only the shards of one spec");
        }
        return (first!.Name, first.SpecHash, first.SpecJson);
    }

    private static MergeResult MergeInto(IReadOnlyList<ResultStore> stores, string target, string name, string hash, string specJson)
    {
        // First pass, reading only: every row's digest by key (the target's own first), so that a conflict is found
        // before anything is written and a target that existed is left untouched (and none is created). Only digests
        // are held; rows are read again to be copied.
        const int Target = -1;
        var seen = new Dictionary<(string Table, string Key), (byte[] Digest, int From)>();
        var alreadyThere = new Dictionary<string, int>(StringComparer.Ordinal);
        if (File.Exists(target) || Directory.Exists(target))
        {
            using var existing = ResultStore.OpenReadOnly(target);
            if (existing.Sweeps().FirstOrDefault(s => s.SpecHash != hash) is { } other)
                throw StoreFile.Refused(existing.Path, $"holds sweep '{other.Name}' of spec {other.SpecHash}, not the spec {hash} of the inputs; merge into a new store");
            foreach (var row in existing.MergeRows()) seen[(row.Table, row.Key)] = (row.Digest(), Target);
        }
        var copied = stores.Select(_ => new HashSet<(string, string)>()).ToArray();
        for (int k = 0; k < stores.Count; k++)
            foreach (var row in stores[k].MergeRows())
            {
                var digest = row.Digest();
                if (seen.TryGetValue((row.Table, row.Key), out var known))
                {
                    if (!known.Digest.AsSpan().SequenceEqual(digest)) throw Conflict(row, stores[k].Path, known.From == Target ? null : stores[known.From], target);
                    if (known.From == Target) alreadyThere[row.Table] = alreadyThere.GetValueOrDefault(row.Table) + 1;
                    continue;
                }
                seen[(row.Table, row.Key)] = (digest, k);
                copied[k].Add((row.Table, row.Key));
            }
        seen.Clear();
        Dictionary<string, int> added;
        using (var merged = ResultStore.Open(target))
            added = merged.AddRows(stores.SelectMany((s, k) => s.MergeRows().Where(r => copied[k].Contains((r.Table, r.Key)))));
        using var result = ResultStore.OpenReadOnly(target);
        return Report(result, name, hash, specJson, stores, added, alreadyThere);
    }

    /// <summary>The refusal of a row that differs from the one with its key seen before (in <paramref name="earlier"/>, or in the target when null).</summary>
    private static InvalidInputException Conflict(MergeRow row, string path, ResultStore? earlier, string target)
    {
        using var opened = earlier is null ? ResultStore.OpenReadOnly(target) : null;
        var source = earlier ?? opened!;
        var first = source.MergeRows().First(r => r.Table == row.Table && r.Key == row.Key);
        string column = first.FirstDifference(row, StoreContents.Columns[row.Table]) ?? "values";
        return new InvalidInputException(Field, $"{row.Label} has another {column} in {path} than in {source.Path}: the stores disagree, so nothing was merged");
    }

    private static MergeResult Report(ResultStore merged, string name, string hash, string specJson, IReadOnlyList<ResultStore> inputs,
        Dictionary<string, int> added, Dictionary<string, int> alreadyThere)
    {
        var runs = SweepSpecJson.Deserialize(specJson).Expand();
        var storedRuns = merged.RunKeys(name);
        var storedThresholds = merged.Thresholds().Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        bool RunMissing(int i) => !storedRuns.Contains(runs[i].Key);
        int missingRuns = Enumerable.Range(0, runs.Count).Count(RunMissing);
        var thresholds = ThresholdsOf(runs, Enumerable.Range(0, runs.Count));
        int missingThresholds = thresholds.Count(k => !storedThresholds.Contains(k));

        var counts = merged.Shards().Where(s => s.SpecHash == hash).Select(s => s.Count).Distinct().ToList();
        var gaps = new List<ShardGap>();
        int? shardCount = counts.Count == 1 ? counts[0] : null;
        if (shardCount is int n)
        {
            var given = inputs.SelectMany(s => s.Shards()).Where(s => s.SpecHash == hash && s.Count == n).Select(s => s.Index).ToHashSet();
            var partition = SweepShards.Partition(runs, n);
            for (int i = 0; i < n; i++)
            {
                var own = ThresholdsOf(runs, partition[i]);
                int lackRuns = partition[i].Count(RunMissing), lackThresholds = own.Count(k => !storedThresholds.Contains(k));
                if (lackRuns > 0 || lackThresholds > 0) gaps.Add(new ShardGap(new Shard(i, n), given.Contains(i), partition[i].Length, lackRuns, own.Count, lackThresholds));
            }
        }
        return new MergeResult(name, hash, inputs.Count, added, alreadyThere, runs.Count, missingRuns, thresholds.Count, missingThresholds, shardCount, gaps);
    }

    private static HashSet<string> ThresholdsOf(IReadOnlyList<RunSpec> runs, IEnumerable<int> indices) =>
        DryRun.ThresholdKeys(indices.Select(i => runs[i]));
}
