using DlnLab.Experiments.Figures;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>The four figures as functions of stored runs and reference values; nothing here trains or solves.</summary>
public static class PaperFigureData
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

    public static FigureSpec Figure2(IReadOnlyList<StoredRun> runs, ReproductionSettings s)
    {
        var algorithms = Algorithms(s);
        var shapes = algorithms.Select(a => RunGroups.PerCoordinate(a.Name, a.PaletteIndex,
            a.Of(runs).Where(r => r.StepsizeFraction == s.ShapeFraction), r => r.Gain)).ToArray();
        var scale = algorithms.Select(a => RunGroups.AgainstStepsize(a.Name, a.PaletteIndex, a.Of(runs), r => r.GainL1)).ToArray();
        string at = s.ShapeFraction == 1 ? "γ = γ_max" : $"γ = {s.ShapeFraction:G3} γ_max";
        return PaperFigures.GainShapeAndScale(shapes, scale, Support(s), at);
    }

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
