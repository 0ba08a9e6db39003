using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Splits the pending runs of a sweep into work items for <see cref="SweepRunner"/>: the full-batch runs of one
/// dataset that the lockstep trainer can take are trained together, in chunks small enough to keep every worker busy;
/// every other run is an item of its own. Items keep sweep order (a group sits where its first run was). The thresholds
/// a dataset's relative-stepsize runs need come first, each as an item of its own, so the workers bisect them side by
/// side instead of waiting on one another's.
/// </summary>
/// <param name="Runs">Indices of the runs to train; for a threshold item, one run whose threshold is to be found.</param>
internal sealed record WorkItem(int[] Runs, bool Threshold = false);

/// <summary>Plans the work items of a sweep (see <see cref="WorkItem"/>).</summary>
internal static class WorkItems
{
    /// <summary>Most runs in one lockstep item: lockstep gains little beyond this, and smaller items balance better.</summary>
    public const int MaxLockstepRuns = 8;

    public static List<WorkItem> Plan(IReadOnlyList<RunSpec> runs, IReadOnlyList<int> todo, SweepRunnerOptions options)
    {
        var items = new List<WorkItem>();
        var thresholds = todo.Where(i => runs[i].StepsizeFraction is not null).GroupBy(i => runs[i].DatasetKey)
            .ToDictionary(g => g.Key, g => g.DistinctBy(i => runs[i].ThresholdKey).ToList());
        var groups = todo.Where(i => options.Lockstep && MayLockstep(runs[i])).GroupBy(i => runs[i].DatasetKey)
            .ToDictionary(g => g.Key, g => g.ToList());
        var seen = new HashSet<string>();
        var planned = new HashSet<string>();
        foreach (int i in todo)
        {
            string dataset = runs[i].DatasetKey;
            if (seen.Add(dataset) && thresholds.TryGetValue(dataset, out var needed) && needed.Count > 1)
                items.AddRange(needed.Select(j => new WorkItem([j], Threshold: true)));
            if (!groups.ContainsKey(dataset) || !MayLockstep(runs[i])) { items.Add(new WorkItem([i])); continue; }
            if (!planned.Add(dataset)) continue;
            // Runs at nearby stepsizes take similar numbers of steps, so a chunk of them finishes together instead of
            // one long run holding the rest of its chunk's lanes.
            var group = groups[dataset].OrderBy(j => runs[j].Stepsize ?? runs[j].StepsizeFraction ?? 0).ToList();
            int size = Math.Clamp((group.Count + options.MaxDegreeOfParallelism - 1) / options.MaxDegreeOfParallelism, 1, MaxLockstepRuns);
            items.AddRange(group.Chunk(size).Select(chunk => new WorkItem(chunk)));
        }
        return items;
    }

    /// <summary>
    /// Whether the run can likely join a lockstep group (full batch, short rows), judged before its dataset exists;
    /// <see cref="LockstepTrainer.Supports"/> has the last word once the design is built, and runs it refuses are
    /// trained one by one.
    /// </summary>
    private static bool MayLockstep(RunSpec run) =>
        run.BatchSize == run.N && PaddedDesign.PaddedLength(run.D) <= Kernels.ShortLength;
}
