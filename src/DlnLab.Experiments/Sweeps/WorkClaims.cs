using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Hands out a sweep's work items as this process claims them in the store, so that processes sharing a store never
/// compute the same run at once: each item is cut down to the runs it could claim (a lockstep run's result does not
/// depend on which runs share its group), runs held by another live process are put aside, and once the plan is
/// through, those are watched until their holder stores them or dies (then they are claimed and computed here).
/// </summary>
internal static class WorkClaims
{
    /// <summary>How often runs held by another process are looked at again.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How many runs (or thresholds) are claimed in one transaction: the plan is claimed in batches of items holding
    /// at least this many, so a sweep of short runs does not pay one claim's commit per run.
    /// </summary>
    public const int Batch = 64;

    public static IEnumerable<WorkItem> Claimed(ResultStore store, IEnumerable<WorkItem> plan, IReadOnlyList<RunSpec> runs, string[] keys,
        CancellationToken cancellation)
    {
        var deferred = new List<WorkItem>();
        foreach (var batch in Batches(plan))
            foreach (var (claimed, held) in Claim(store, batch, runs, keys))
            {
                if (held is not null) deferred.Add(held);
                if (claimed is not null) yield return claimed;
            }
        while (deferred.Count > 0)
        {
            cancellation.WaitHandle.WaitOne(Poll);
            cancellation.ThrowIfCancellationRequested();
            var still = new List<WorkItem>();
            foreach (var (claimed, held) in Claim(store, deferred, runs, keys))
            {
                if (held is not null) still.Add(held);
                if (claimed is not null) yield return claimed;
            }
            deferred = still;
        }
    }

    /// <summary>Consecutive items of the plan, each batch holding at least <see cref="Batch"/> runs (the last one fewer).</summary>
    private static IEnumerable<List<WorkItem>> Batches(IEnumerable<WorkItem> plan)
    {
        var batch = new List<WorkItem>();
        int size = 0;
        foreach (var item in plan)
        {
            batch.Add(item);
            size += item.Runs.Length;
            if (size < Batch) continue;
            yield return batch;
            batch = [];
            size = 0;
        }
        if (batch.Count > 0) yield return batch;
    }

    /// <summary>
    /// Claims the items' runs and thresholds (one transaction each kind), and returns per item, in order, the part
    /// claimed now and the part another process holds (null when empty); runs already stored drop out.
    /// </summary>
    private static List<(WorkItem? Claimed, WorkItem? Held)> Claim(ResultStore store, List<WorkItem> items, IReadOnlyList<RunSpec> runs, string[] keys)
    {
        var thresholdKeys = items.Where(item => item.Threshold).Select(item => runs[item.Runs[0]].ThresholdKey).ToList();
        var runKeys = items.Where(item => !item.Threshold).SelectMany(item => item.Runs.Select(i => keys[i])).ToList();
        var (claimedThresholds, _) = thresholdKeys.Count > 0 ? store.Claim(thresholdKeys, thresholds: true) : ([], []);
        var (claimedRuns, heldRuns) = runKeys.Count > 0 ? store.Claim(runKeys, thresholds: false) : ([], []);
        var thresholdSet = claimedThresholds.ToHashSet(StringComparer.Ordinal);
        var claimedSet = claimedRuns.ToHashSet(StringComparer.Ordinal);
        var heldSet = heldRuns.ToHashSet(StringComparer.Ordinal);
        WorkItem? Part(WorkItem item, HashSet<string> set)
        {
            if (!item.Runs.Any(i => set.Contains(keys[i]))) return null;
            return item.Runs.All(i => set.Contains(keys[i])) ? item : item with { Runs = [.. item.Runs.Where(i => set.Contains(keys[i]))] };
        }
        // A threshold another process is bisecting is waited for by the runs that need it, not by its item.
        return [.. items.Select(item => item.Threshold
            ? (thresholdSet.Contains(runs[item.Runs[0]].ThresholdKey) ? item : null, (WorkItem?)null)
            : (Part(item, claimedSet), Part(item, heldSet)))];
    }
}
