using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// Figure 6, centered against uncentered inputs: test loss against stepsize for GD and SGD (b = 1) on the stepsize
/// sweep's data (centered by default) and on uncentered data x ~ N(<see cref="Mean"/> 1, Sigma), side by side, with
/// the measured answer to whether large-stepsize GD helps on uncentered data (<see cref="LargeStepsizeFinding"/>).
/// Kept cheap: <see cref="Datasets"/> datasets and every third relative stepsize of figures 1 to 3 (the largest
/// included).
/// </summary>
internal static class UncenteredFigure
{
    /// <summary>The sweep's name in the store.</summary>
    public const string SweepName = "uncentered";

    /// <summary>mu of the uncentered inputs (every coordinate's mean; unit variance around it).</summary>
    public const double Mean = 1;

    /// <summary>Datasets of the uncentered sweep (their medians and bands).</summary>
    public const int Datasets = 5;

    /// <summary>The uncentered sweep: the stepsize sweep with mean <see cref="Mean"/>, fewer datasets and stepsizes.</summary>
    public static SweepSpec Sweep(ReproductionSettings s) => PaperSweeps.StepsizeSweep(s) with
    {
        Name = SweepName,
        Mean = Mean,
        Datasets = Math.Min(Datasets, s.Datasets),
        Stepsize = StepsizeAxis.Relative(Fractions(s)),
    };

    /// <summary>Every third fraction of figures 1 to 3 from the smallest, and the largest.</summary>
    public static double[] Fractions(ReproductionSettings s)
    {
        var all = s.StepsizeFractions.Order().ToArray();
        return all.Where((_, i) => i % 3 == 0).Append(all[^1]).Distinct().ToArray();
    }

    public static string Caption(ReproductionSettings s) =>
        $"Test loss at convergence against stepsize for GD and SGD (b = 1) on the inputs of figures 1 to 3 (μ = {s.Mean:G3}, left) and on uncentered inputs x ~ N({Mean:G3}·1, Σ) (right): median and interquartile band over datasets ({s.Datasets} left, {Math.Min(Datasets, s.Datasets)} right).";

    /// <summary>The figure: one panel per input distribution, GD and SGD in each.</summary>
    public static FigureSpec Figure(IReadOnlyList<StoredRun> centered, IReadOnlyList<StoredRun> uncentered, ReproductionSettings s)
    {
        var algorithms = new[] { Algorithm.Gd(s.N), Algorithm.Sgd };
        PanelSpec Panel(string title, IReadOnlyList<StoredRun> runs) => new()
        {
            Title = title, XLabel = "stepsize γ", YLabel = "test loss", LogX = true, LogY = true, Legend = LegendPosition.LowerLeft,
            Series = algorithms.Select(a => RunGroups.AgainstStepsize(a.Name, a.PaletteIndex, a.Of(runs), r => r.TestLoss)).ToArray(),
            VerticalMarkers = algorithms.Select(a => new VerticalMarker(RunGroups.MedianLargestConvergentStepsize(a.Of(runs)),
                $"largest convergent γ, {a.Name} (median)", a.PaletteIndex)).ToArray(),
        };
        return new FigureSpec
        {
            Name = "fig6", Columns = 2, PanelWidth = 640, PanelHeight = 480,
            Panels = [Panel($"Inputs of figures 1-3 (μ = {s.Mean:G3})", centered), Panel($"Uncentered inputs (μ = {Mean:G3})", uncentered)],
        };
    }

    /// <summary>The measured finding: GD's test loss at its largest against its smallest relative stepsize, per dataset, on both data.</summary>
    public static string Finding(IReadOnlyList<StoredRun> centered, IReadOnlyList<StoredRun> uncentered, ReproductionSettings s) =>
        LargeStepsizeFinding.Sentence(Pairs(uncentered, s), Pairs(centered, s), Mean, s.Mean);

    // Per dataset: GD's test loss at the smallest and at the largest relative stepsize, both runs usable.
    private static IReadOnlyList<(double Small, double Large)> Pairs(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var gd = Algorithm.Gd(s.N).Of(runs).Where(r => r.StepsizeFraction is not null).ToArray();
        if (gd.Length == 0) return [];
        double smallest = gd.Min(r => r.StepsizeFraction!.Value), largest = gd.Max(r => r.StepsizeFraction!.Value);
        return gd.GroupBy(r => r.DataSeed)
            .Select(g => (Small: g.FirstOrDefault(r => r.StepsizeFraction == smallest), Large: g.FirstOrDefault(r => r.StepsizeFraction == largest)))
            .Where(p => p.Small is not null && p.Large is not null && RunGroups.Usable(p.Small) && RunGroups.Usable(p.Large)
                && p.Small.TestLoss is not null && p.Large.TestLoss is not null)
            .Select(p => (p.Small!.TestLoss!.Value, p.Large!.TestLoss!.Value))
            .ToArray();
    }
}
