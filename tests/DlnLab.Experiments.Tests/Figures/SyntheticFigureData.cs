using DlnLab.Experiments.Figures;

namespace DlnLab.Experiments.Tests.Figures;

/// <summary>Deterministic made-up numbers shaped like the report's results, to render every figure layout.</summary>
internal static class SyntheticFigureData
{
    public const int Dimension = 30;
    public static readonly int[] Support = [3, 11, 24];
    public static readonly double[] Stepsizes = Enumerable.Range(0, 13).Select(i => 1e-3 * Math.Pow(10, i / 4.0)).ToArray();
    public const double GradientFlowTestLoss = 0.21;
    public const double GdLargest = 0.5, SgdLargest = 0.8;

    /// <summary>GD loss rises near its stability edge, SGD's falls; bands are a fixed fraction around the median.</summary>
    public static SeriesSpec TestLoss(bool sgd) => Curve(sgd ? "SGD (b = 1)" : "GD", Stepsizes,
        g => GradientFlowTestLoss * (sgd ? 1 / (1 + 3 * g) : 1 + 4 * g * g), sgd ? 1 : 0, g => g <= (sgd ? SgdLargest : GdLargest));

    public static SeriesSpec Distance(bool sgd) => Curve(sgd ? "SGD (b = 1)" : "GD", Stepsizes,
        g => 0.6 * (sgd ? 1 / (1 + 6 * g) : 1 + 3 * g), sgd ? 1 : 0, g => g <= (sgd ? SgdLargest : GdLargest));

    public static SeriesSpec GainScale(bool sgd) => Curve(sgd ? "SGD (b = 1)" : "GD", Stepsizes,
        g => (sgd ? 40 : 4) * g * g / (1.05 - g / (sgd ? SgdLargest : GdLargest)), sgd ? 1 : 0, g => g <= (sgd ? SgdLargest : GdLargest));

    /// <summary>GD's gain peaks on the support of β*; SGD's is nearly flat.</summary>
    public static SeriesSpec GainShape(string name, double heterogeneity, double level, int palette)
    {
        double[] xs = Enumerable.Range(1, Dimension).Select(i => (double)i).ToArray();
        double[] ys = xs.Select(i => level * (1 + (Support.Contains((int)i) ? heterogeneity : 0) + 0.15 * Math.Sin(1.7 * i))).ToArray();
        return new SeriesSpec(name, xs, ys) { PaletteIndex = palette }
            .WithBand(ys.Select(y => y * 0.8).ToArray(), ys.Select(y => y * 1.25).ToArray());
    }

    public static FigureSpec[] AllFigures()
    {
        VerticalMarker[] markers =
        [
            new(GdLargest, "largest convergent γ, GD", 0),
            new(SgdLargest, "largest convergent γ, SGD", 1),
        ];
        double[] batches = [1, 2, 5, 10, 20];
        double[] relative = [0.25, 0.5, 0.9];
        SeriesSpec[] lossByBatch = relative.Select((r, k) => Curve($"γ/γ_max = {r}", batches,
            b => GradientFlowTestLoss * (1 - 0.6 * r / Math.Sqrt(b)), k, _ => true)).ToArray();
        SeriesSpec[] shapeByBatch = batches.Select((b, k) => GainShape($"b = {b}", 2.5 * (1 - 1 / Math.Sqrt(b)), 1, k) with { Lower = null, Upper = null }).ToArray();
        return
        [
            PaperFigures.TestLossAgainstStepsize([TestLoss(false), TestLoss(true)], GradientFlowTestLoss, markers),
            PaperFigures.GainShapeAndScale([(GainShape("GD", 3, 2, 0), "γ = 0.4"), (GainShape("SGD (b = 1)", 0.2, 1.5, 1), "γ = 0.4")],
                [GainScale(false), GainScale(true)], Support),
            PaperFigures.DistanceToBetaStarAgainstStepsize([Distance(false), Distance(true)], markers),
            PaperFigures.BatchSizeEffect(lossByBatch, shapeByBatch, Support, 0.5),
        ];
    }

    private static SeriesSpec Curve(string name, double[] xs, Func<double, double> median, int palette, Func<double, bool> converges)
    {
        double[] x = xs.Where(converges).ToArray();
        double[] y = x.Select(median).ToArray();
        return new SeriesSpec(name, x, y) { PaletteIndex = palette }
            .WithBand(y.Select(v => v * 0.85).ToArray(), y.Select(v => v * 1.2).ToArray());
    }
}
