namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Partitions a sweep's whole plan into shards that separate processes (array tasks on different nodes) compute into
/// stores of their own, to be merged afterwards. The partition is a pure function of the runs of the spec and the
/// shard count: neither of what is stored, nor of the thread count or the machine.
/// <para>
/// The plan is cut into work items that are never split: a configuration's bisection for the largest convergent
/// stepsize together with every run whose stepsize is a fraction of it (the bisection is sequential, and its runs
/// cannot start before it ends, so the shard that owns a bisection owns its runs and needs nothing from another
/// shard); one lockstep group of full-batch runs (as <see cref="WorkItems"/> plans it for the whole sweep); or a single
/// run. Each item has an expected cost (below), and the items are dealt out longest first, each to the shard with the
/// least cost so far (ties: the lower shard index), which balances the shards to within one item's cost.
/// </para>
/// <para>
/// Expected cost, in units of one pass over the design (n d multiply-adds): a training run counts 1 (a run at batch
/// size b takes about n / b times the steps of full batch, each b / n of the cost); a bisection counts its expected
/// number of trial runs, half the halvings from the cap to the floor plus the log-scale bisection steps to its
/// precision, plus one. Every item costs at least one unit, so with N at most the number of items every shard gets one.
/// </para>
/// A shard trains its runs exactly as an unsharded sweep would (the same lockstep groups, the same thresholds), so
/// its stored numbers are the same bits.
/// </summary>
public static class SweepShards
{
    /// <summary>The work items of a sweep: indices into <paramref name="runs"/>, in plan order.</summary>
    public static IReadOnlyList<int[]> WorkItemsOf(IReadOnlyList<RunSpec> runs) => Items(runs).Select(i => i.Runs).ToList();

    /// <summary>
    /// The runs of each of <paramref name="count"/> shards (indices into <paramref name="runs"/>, ascending): every run
    /// in exactly one shard, none empty. Throws <see cref="InvalidInputException"/> (field <paramref name="field"/>)
    /// when <paramref name="count"/> is not in [1, number of work items].
    /// </summary>
    public static int[][] Partition(IReadOnlyList<RunSpec> runs, int count, string field = "shard")
    {
        var items = Items(runs);
        if (count < 1 || count > items.Count)
            throw new InvalidInputException(field, count, $"the shard count must be in [1, {items.Count}]: this sweep has {items.Count} work items " +
                "(a bisection with its runs, a lockstep group or a single run), and each shard needs one");
        var load = new long[count];
        var shards = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        // OrderByDescending is a stable sort: items of equal cost keep their plan order.
        foreach (var item in items.OrderByDescending(i => i.Cost))
        {
            int best = 0;
            for (int s = 1; s < count; s++) if (load[s] < load[best]) best = s;
            load[best] += item.Cost;
            shards[best].AddRange(item.Runs);
        }
        return [.. shards.Select(s => s.Order().ToArray())];
    }

    /// <summary>The runs of one shard (see <see cref="Partition"/>).</summary>
    public static int[] RunsOf(IReadOnlyList<RunSpec> runs, Shard shard, string field = "shard") => Partition(runs, shard.Count, field)[shard.Index];

    /// <summary>The number of work items, the largest shard count the sweep admits.</summary>
    public static int WorkItemCount(IReadOnlyList<RunSpec> runs) => Items(runs).Count;

    /// <summary>The work items with their expected costs (see the class remarks), in plan order.</summary>
    internal static IReadOnlyList<(int[] Runs, long Cost)> CostedItems(IReadOnlyList<RunSpec> runs) => Items(runs);

    private static List<(int[] Runs, long Cost)> Items(IReadOnlyList<RunSpec> runs)
    {
        var items = new List<(int[] Runs, long Cost)>();
        var relative = Enumerable.Range(0, runs.Count).Where(i => runs[i].StepsizeFraction is not null).ToArray();
        foreach (var group in relative.GroupBy(i => runs[i].ThresholdKey, StringComparer.Ordinal))
        {
            var r = runs[group.First()];
            items.Add(([.. group], Pass(r) * (ExpectedTrials(r.Threshold ?? new ThresholdSettings()) + group.Count())));
        }
        // The absolute runs as the runner plans them over the whole sweep (lockstep groups are decided on all runs).
        var absolute = Enumerable.Range(0, runs.Count).Where(i => runs[i].StepsizeFraction is null).ToArray();
        foreach (var item in WorkItems.Plan(runs, absolute, new SweepRunnerOptions()))
            items.Add((item.Runs, item.Runs.Sum(i => Pass(runs[i]))));
        // Plan order: by first run, so shard contents do not depend on how the items were collected.
        items.Sort((a, b) => a.Runs[0].CompareTo(b.Runs[0]));
        return items;
    }

    private static long Pass(RunSpec run) => Math.Max(1L, (long)run.N * run.D);

    /// <summary>
    /// Expected trial runs of one bisection (see the class remarks), counted with halvings and square roots only,
    /// which are exact or correctly rounded everywhere, so every machine computes the same partition.
    /// </summary>
    internal static long ExpectedTrials(ThresholdSettings t)
    {
        long halvings = 0, bisections = 0;
        for (double gamma = t.High; gamma > t.Low && halvings < 2000; gamma /= 2) halvings++;
        for (double ratio = 2; ratio > 1 + t.Precision && bisections < 64; ratio = Math.Sqrt(ratio)) bisections++;
        return 1 + (halvings + 1) / 2 + bisections;
    }
}
