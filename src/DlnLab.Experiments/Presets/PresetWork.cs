namespace DlnLab.Experiments.Presets;

/// <summary>
/// The presets' own computations (interpolators solved for in <see cref="IPreset.Draw"/>) on several threads, each
/// result in the place of its item, so the page never depends on the thread count; and the sentence that checks the
/// trained runs against those computed limits.
/// </summary>
internal static class PresetWork
{
    /// <summary><paramref name="compute"/> of every item, in the items' order, on up to <paramref name="threads"/> threads.</summary>
    public static TResult[] Map<TItem, TResult>(IReadOnlyList<TItem> items, int threads, CancellationToken cancellation, Func<TItem, TResult> compute)
    {
        var results = new TResult[items.Count];
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancellation },
            i => results[i] = compute(items[i]));
        return results;
    }

    /// <summary>
    /// <paramref name="compute"/> at every (dataset, level, alpha) of a sweep's grid: datasets in ordinal key order, then
    /// <paramref name="levels"/>, then <paramref name="alphas"/>, in that order in the result, on up to <paramref name="threads"/> threads.
    /// </summary>
    public static TResult[] OverGrid<TLevel, TResult>(IEnumerable<string> datasetKeys, IReadOnlyList<TLevel> levels, IReadOnlyList<double> alphas,
        int threads, CancellationToken cancellation, Func<string, TLevel, double, TResult> compute)
    {
        var work = datasetKeys.Order(StringComparer.Ordinal)
            .SelectMany(key => levels.SelectMany(level => alphas.Select(alpha => (Key: key, Level: level, Alpha: alpha)))).ToArray();
        return Map(work, threads, cancellation, item => compute(item.Key, item.Level, item.Alpha));
    }

    /// <summary>The stored run of the smallest stepsize at each <paramref name="pointOf"/> of <paramref name="runs"/>.</summary>
    public static Dictionary<TPoint, Storage.StoredRun> SmallestStepsize<TPoint>(IEnumerable<Storage.StoredRun> runs, Func<Storage.StoredRun, TPoint> pointOf)
        where TPoint : notnull =>
        runs.GroupBy(pointOf).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Stepsize).First());

    /// <summary>
    /// How close the usable trained runs ended to gradient flow's limit: <paramref name="distances"/> holds one relative
    /// distance per trained run, NaN for a run that is not usable (converged, or out of budget near the tolerance).
    /// </summary>
    public static string AgainstGradientFlow(IReadOnlyList<double> distances, string algorithm = "GD")
    {
        var usable = distances.Where(double.IsFinite).ToArray();
        return usable.Length == 0
            ? $"None of the {distances.Count} {algorithm} runs is usable (converged, or out of budget within {Reproduction.RunGroups.NearlyConvergedFactor:G3} times the tolerance), so {algorithm} is not compared with gradient flow."
            : $"{algorithm}'s last iterate lies within a median relative distance {Reproduction.Quantiles.Median(usable):G3} (largest {usable.Max():G3}) " +
              $"of gradient flow's limit on the {usable.Length} usable runs of {distances.Count}.";
    }
}
