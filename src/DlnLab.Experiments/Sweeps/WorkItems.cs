using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Splits the pending runs of a sweep into work items for <see cref="SweepRunner"/>. Runs that
/// <see cref="LockstepTrainer.TrainsStart"/> and <see cref="LockstepTrainer.Supports(int, int, int)"/> admit (uv from the report's start, full batch) of one dataset at the same batch size and stepsize (they differ in alpha, repeat, tolerance or budget, so they take similar numbers of steps and
/// keep the lanes busy together), or at any stepsize when their tolerance is 0 and their budget the same (every one
/// then takes that budget unless it diverges), are trained together, in items of at most <see cref="LockstepTrainer.GroupSize"/>
/// runs (one lockstep group); every other run is an item of its own. Which runs are lockstep runs depends only on the sweep's spec, never on what is pending, so a
/// resumed sweep trains each run on the same path and stores the same bits (a lockstep run's result does not depend on
/// which runs share its group). The thresholds that relative-stepsize runs need (largest convergent stepsizes, found
/// by bisection) all come first, each as an item of its own, so the workers bisect them side by side instead of one
/// waiting for a threshold another is computing (the datasets they touch stay in memory until their runs are done).
/// </summary>
/// <param name="Runs">Indices of the runs to train; for a threshold item, one run whose threshold is to be found.</param>
/// <param name="Threshold">The item finds the largest convergent stepsize of its run instead of training it.</param>
/// <param name="Lockstep">The runs go through the lockstep trainer, even a lone one.</param>
internal sealed record WorkItem(int[] Runs, bool Threshold = false, bool Lockstep = false);

/// <summary>Plans the work items of a sweep (see <see cref="WorkItem"/>).</summary>
internal static class WorkItems
{
    public static List<WorkItem> Plan(IReadOnlyList<RunSpec> runs, IReadOnlyList<int> todo, SweepRunnerOptions options)
    {
        var items = new List<WorkItem>();
        items.AddRange(todo.Where(i => runs[i].StepsizeFraction is not null).DistinctBy(i => runs[i].ThresholdKey)
            .Select(i => new WorkItem([i], Threshold: true)));
        // Each run's group (null: none) and the group sizes over the whole sweep, not the pending runs: a run's path
        // must not depend on what is left to do. Keys are computed once per run (a dataset key is a hash).
        string?[] group = runs.Select(r => options.Lockstep && r.LabelNoise == 0 && r.Momentum == 0 && LockstepTrainer.TrainsStart(r.Model, r.U0 is null && r.V0 is null) && LockstepTrainer.Supports(r.N, r.D, r.BatchSize) ? GroupKey(r) : null).ToArray();
        var groupSizes = group.OfType<string>().CountBy(key => key).ToDictionary();
        bool InGroup(int i) => group[i] is string key && groupSizes[key] > 1;
        var pendingGroups = todo.Where(InGroup).GroupBy(i => group[i]!).ToDictionary(g => g.Key, g => g.ToArray());
        var planned = new HashSet<string>();
        foreach (int i in todo)
        {
            if (!InGroup(i)) { items.Add(new WorkItem([i])); continue; }
            if (planned.Add(group[i]!))
                items.AddRange(pendingGroups[group[i]!].Chunk(LockstepTrainer.GroupSize).Select(chunk => new WorkItem(chunk, Lockstep: true)));
        }
        return items;
    }

    // The batch size keeps runs of different batch sizes in groups of their own, whichever sizes Supports admits: a GD run
    // that would otherwise train alone must not join a group (the lockstep GD sums round differently) because runs of
    // another batch size share its stepsize. With a tolerance of 0 every run takes its whole budget (unless it diverges,
    // which frees its lane early), so runs at any stepsize keep the lanes busy together: the stepsize is left out.
    private static string GroupKey(RunSpec run) =>
        run.DatasetKey + "|" + run.BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture) + "|" + (run.Tolerance == 0 ? "tolerance 0, budget " + run.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : (run.Stepsize ?? run.StepsizeFraction ?? 0).ToString("R", System.Globalization.CultureInfo.InvariantCulture) + (run.StepsizeFraction is null ? "" : " of the threshold"));
}
