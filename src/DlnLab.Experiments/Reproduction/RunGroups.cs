using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Training;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Summaries over datasets of stored runs grouped by relative stepsize: median and interquartile range of a metric over
/// the usable runs of each group: converged, or out of budget (oscillating or not) within <see cref="NearlyConvergedFactor"/> times the
/// tolerance (small stepsizes converge slowly; their last iterate is an interpolator to that precision). A group where
/// fewer than half of the runs are usable gives no point (NaN, which the renderer drops and counts), so a curve never
/// rests on a minority of datasets. Diverged runs are never used.
/// </summary>
internal static class RunGroups
{
    /// <summary>A run out of budget with training loss within this factor of the tolerance counts as (nearly) converged.</summary>
    public const double NearlyConvergedFactor = 100;

    public static bool Converged(StoredRun r) => r.Status == nameof(RunStatus.Converged);

    public static bool Usable(StoredRun r) => Converged(r)
        || ((r.Status == nameof(RunStatus.BudgetExhausted) || r.Status == nameof(RunStatus.Oscillating)) && r.TrainLoss <= NearlyConvergedFactor * r.Tolerance);

    /// <summary>
    /// One point per stepsize fraction: x = median over datasets of the stepsize used (for a relative axis, the fraction
    /// times the median largest convergent stepsize), y = median of <paramref name="metric"/>, band = its quartiles.
    /// </summary>
    public static SeriesSpec AgainstStepsize(string name, int palette, IEnumerable<StoredRun> runs, Func<StoredRun, double?> metric) =>
        Summarise(name, palette, runs.GroupBy(r => r.StepsizeFraction ?? r.Stepsize), g => Quantiles.Median(g.Select(r => r.Stepsize)), metric);

    /// <summary>One point per value of <paramref name="key"/> (e.g. the batch size), with median and quartiles of the metric.</summary>
    public static SeriesSpec Against(string name, int palette, IEnumerable<StoredRun> runs, Func<StoredRun, double> key, Func<StoredRun, double?> metric) =>
        Summarise(name, palette, runs.GroupBy(key), g => g.Key, metric);

    private static SeriesSpec Summarise(string name, int palette, IEnumerable<IGrouping<double, StoredRun>> groups,
        Func<IGrouping<double, StoredRun>, double> x, Func<StoredRun, double?> metric)
    {
        var xs = new List<double>(); var ys = new List<double>(); var lo = new List<double>(); var hi = new List<double>();
        foreach (var g in groups.OrderBy(g => g.Key))
        {
            var usable = g.Where(Usable).ToArray();
            bool enough = usable.Length > 0 && 2 * usable.Length >= g.Count();
            var values = usable.Select(r => metric(r) ?? double.NaN).ToArray();
            xs.Add(x(g));
            ys.Add(enough ? Quantiles.Median(values) : double.NaN);
            lo.Add(enough ? Quantiles.Of(values, 0.25) : double.NaN);
            hi.Add(enough ? Quantiles.Of(values, 0.75) : double.NaN);
        }
        return new SeriesSpec(name, xs, ys) { PaletteIndex = palette }.WithBand(lo, hi);
    }

    /// <summary>
    /// Per coordinate i (x = i + 1), the mean over usable runs of <paramref name="vector"/>[i], band = mean +- one
    /// standard deviation.
    /// </summary>
    public static SeriesSpec PerCoordinate(string name, int palette, IEnumerable<StoredRun> runs, Func<StoredRun, double[]> vector)
    {
        var vectors = runs.Where(Usable).Select(vector).Where(v => v.Length > 0).ToArray();
        int d = vectors.Length == 0 ? 0 : vectors[0].Length;
        var xs = new double[d]; var ys = new double[d]; var lo = new double[d]; var hi = new double[d];
        for (int i = 0; i < d; i++)
        {
            var column = vectors.Select(v => v[i]).ToArray();
            double mean = Quantiles.Mean(column), sd = Quantiles.StandardDeviation(column);
            xs[i] = i + 1; ys[i] = mean; lo[i] = mean - sd; hi[i] = mean + sd;
        }
        return new SeriesSpec(name, xs, ys) { PaletteIndex = palette }.WithBand(lo, hi);
    }

    /// <summary>
    /// Per coordinate i (x = i + 1), the median over usable runs of <paramref name="vector"/>[i], band = its
    /// quartiles (so a band never leaves the range of the values: a non-negative quantity keeps a non-negative band).
    /// </summary>
    public static SeriesSpec PerCoordinateQuantiles(string name, int palette, IEnumerable<StoredRun> runs, Func<StoredRun, double[]> vector) =>
        CoordinateQuantiles(name, palette, runs.Where(Usable).Select(vector).Where(v => v.Length > 0).ToArray());

    /// <summary>Per coordinate the median of the vectors, band = quartiles (x = i + 1).</summary>
    public static SeriesSpec CoordinateQuantiles(string name, int palette, IReadOnlyList<double[]> vectors)
    {
        int d = vectors.Count == 0 ? 0 : vectors[0].Length;
        var xs = new double[d]; var ys = new double[d]; var lo = new double[d]; var hi = new double[d];
        for (int i = 0; i < d; i++)
        {
            var column = vectors.Select(v => v[i]).ToArray();
            xs[i] = i + 1; ys[i] = Quantiles.Median(column); lo[i] = Quantiles.Of(column, 0.25); hi[i] = Quantiles.Of(column, 0.75);
        }
        return new SeriesSpec(name, xs, ys) { PaletteIndex = palette }.WithBand(lo, hi);
    }

    /// <summary>The largest Theorem 2.2 residual of the converged runs; null when none has one.</summary>
    /// <summary>Every dataset behind <paramref name="runs"/>: its sweep, its seed and its run count, ordered by sweep then seed.</summary>
    public static List<Reports.DatasetSeed> DatasetSeeds(IEnumerable<StoredRun> runs) =>
        runs.GroupBy(r => (r.Sweep, r.DataSeed)).Select(g => new Reports.DatasetSeed(g.Key.Sweep, g.Key.DataSeed, g.Count()))
            .OrderBy(s => s.Sweep, StringComparer.Ordinal).ThenBy(s => s.Seed).ToList();

    public static double? LargestTheorem22Residual(IEnumerable<StoredRun> runs) => runs.Where(Converged).Max(r => r.Theorem22Residual);

    /// <summary>Median over datasets of each configuration's largest convergent stepsize.</summary>
    public static double MedianLargestConvergentStepsize(IEnumerable<StoredRun> runs) =>
        Quantiles.Median(runs.GroupBy(r => r.DatasetKey).Select(g => g.First().LargestConvergentStepsize ?? double.NaN));

    /// <summary>The gain divided by its mean over coordinates: its shape, comparable across batch sizes whose scales differ.</summary>
    public static double[] NormalisedGain(StoredRun r)
    {
        double mean = r.Gain.Length == 0 ? double.NaN : r.Gain.Average();
        return r.Gain.Select(g => g / mean).ToArray();
    }
}
