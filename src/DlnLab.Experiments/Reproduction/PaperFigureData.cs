using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>The four figures as functions of stored runs and reference values; nothing here trains or solves.</summary>
internal static class PaperFigureData
{
    public static FigureSpec Figure1(IReadOnlyList<StoredRun> runs, IReadOnlyList<StoredReference> references, ReproductionSettings s)
    {
        var algorithms = Algorithms(s);
        double gradientFlow = Quantiles.Median(references
            .Where(r => r.Name == TheoryChecks.GradientFlowTestLoss && r.Alpha == s.Alpha).Select(r => r.Value));
        return PaperFigures.TestLossAgainstStepsize(
            algorithms.Select(a => RunGroups.AgainstStepsize(a.Name, a.PaletteIndex, a.Of(runs), r => r.TestLoss)).ToArray(),
            gradientFlow, Markers(runs, algorithms));
    }

    /// <summary>
    /// Figure 2: the shape of the gain for GD and SGD at the smallest stepsize fraction (the regime of the report's
    /// argument from the first iterates) and at <see cref="ReproductionSettings.ShapeFraction"/> (the edge by default),
    /// each the per-coordinate median with its interquartile band over datasets (quantiles of a non-negative quantity
    /// are non-negative), and the scale against stepsize.
    /// </summary>
    public static FigureSpec Figure2(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var algorithms = Algorithms(s);
        double[] fractions = [s.StepsizeFractions.Min(), s.ShapeFraction];
        var shapes = fractions.Distinct().SelectMany(f => algorithms.Select(a => (RunGroups.PerCoordinateQuantiles(a.Name, a.PaletteIndex,
            a.Of(runs).Where(r => r.StepsizeFraction == f), r => r.Gain), RelativeStepsize(f)))).ToArray();
        var scale = algorithms.Select(a => RunGroups.AgainstStepsize(a.Name, a.PaletteIndex, a.Of(runs), r => r.GainL1)).ToArray();
        return PaperFigures.GainShapeAndScale(shapes, scale, Support(s), columns: algorithms.Length + 1);
    }

    /// <summary>"γ = γ_max" or "γ = 0.05 γ_max".</summary>
    internal static string RelativeStepsize(double fraction) =>
        fraction == 1 ? "γ = γ_max" : $"γ = {fraction.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)} γ_max";

    public static FigureSpec Figure3(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var algorithms = Algorithms(s);
        return PaperFigures.DistanceToBetaStarAgainstStepsize(
            algorithms.Select(a => RunGroups.AgainstStepsize(a.Name, a.PaletteIndex, a.Of(runs), r => r.DistanceToBetaStar)).ToArray(),
            Markers(runs, algorithms));
    }

    public static FigureSpec Figure4(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var fractions = s.BatchSizeFractions.Order().ToArray();
        var testLoss = fractions.Select((f, k) => RunGroups.Against($"γ = {f:G3} γ_max", k,
            runs.Where(r => r.StepsizeFraction == f), r => r.BatchSize, r => r.TestLoss)).ToArray();
        double shapeFraction = fractions[^1];
        var shapes = s.BatchSizes.Order().Select((b, k) =>
        {
            var algorithm = Algorithm.ForBatchSize(b, s.N, k);
            return RunGroups.PerCoordinate(algorithm.Name, k,
                algorithm.Of(runs).Where(r => r.StepsizeFraction == shapeFraction), RunGroups.NormalisedGain) with { Lower = null, Upper = null };
        }).ToArray();
        return PaperFigures.BatchSizeEffect(testLoss, shapes, Support(s), shapeFraction, shapeLabel: "Gain_γ,i / mean_j Gain_γ,j");
    }

    private static Algorithm[] Algorithms(ReproductionSettings s) => [Algorithm.Gd(s.N), Algorithm.Sgd];

    private static VerticalMarker[] Markers(IReadOnlyList<StoredRun> runs, IEnumerable<Algorithm> algorithms) =>
        algorithms.Select(a => new VerticalMarker(RunGroups.MedianLargestConvergentStepsize(a.Of(runs)),
            $"largest convergent γ, {a.Name} (median)", a.PaletteIndex)).ToArray();

    private static int[] Support(ReproductionSettings s) => Enumerable.Range(1, s.S).ToArray();
}
