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

    public static IEnumerable<WorkItem> Claimed(ResultStore store, IEnumerable<WorkItem> plan, IReadOnlyList<RunSpec> runs, string[] keys,
        CancellationToken cancellation)
    {
        var deferred = new List<WorkItem>();
        foreach (var item in plan)
        {
            var (claimed, held) = Claim(store, item, runs, keys);
            if (held is not null) deferred.Add(held);
            if (claimed is not null) yield return claimed;
        }
        while (deferred.Count > 0)
        {
            cancellation.WaitHandle.WaitOne(Poll);
            cancellation.ThrowIfCancellationRequested();
            var still = new List<WorkItem>();
            foreach (var item in deferred)
            {
                var (claimed, held) = Claim(store, item, runs, keys);
                if (held is not null) still.Add(held);
                if (claimed is not null) yield return claimed;
            }
            deferred = still;
        }
    }

    /// <summary>The part of an item claimed now and the part another process holds (null when empty); runs already stored drop out.</summary>
    private static (WorkItem? Claimed, WorkItem? Held) Claim(ResultStore store, WorkItem item, IReadOnlyList<RunSpec> runs, string[] keys)
    {
        if (item.Threshold)
        {
            var (claimedThreshold, heldThreshold) = store.Claim([runs[item.Runs[0]].ThresholdKey], thresholds: true);
            // A threshold another process is bisecting is waited for by the runs that need it, not by this item.
            return (claimedThreshold.Count > 0 ? item : null, null);
        }
        var (claimed, held) = store.Claim([.. item.Runs.Select(i => keys[i])], thresholds: false);
        var claimedSet = claimed.ToHashSet(StringComparer.Ordinal);
        var heldSet = held.ToHashSet(StringComparer.Ordinal);
        WorkItem? Part(HashSet<string> set) => set.Count == 0 ? null : item with { Runs = [.. item.Runs.Where(i => set.Contains(keys[i]))] };
        return (Part(claimedSet), Part(heldSet));
    }
}
