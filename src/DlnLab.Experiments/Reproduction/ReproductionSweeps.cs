using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>The sweeps of <c>dln reproduce</c>, built once from its settings, and which of them each figure is drawn from.</summary>
internal sealed record ReproductionSweeps(SweepSpec Stepsize, SweepSpec BatchSize, SweepSpec GainShape, SweepSpec Edge, SweepSpec Uncentered)
{
    public static ReproductionSweeps Of(ReproductionSettings s) => new(
        PaperSweeps.StepsizeSweep(s), PaperSweeps.BatchSizeSweep(s), PaperSweeps.GainShapeSweep(s),
        EdgeOfStabilityFigure.Sweep(s), UncenteredFigure.Sweep(s));

    /// <summary>The sweeps whose runs <paramref name="figures"/> are drawn from, in the order they run.</summary>
    public List<SweepSpec> For(IReadOnlyCollection<string> figures)
    {
        var sweeps = new List<SweepSpec>();
        if (figures.Any(f => f is "fig1" or "fig2" or "fig3" or "fig6" or "fig7")) sweeps.Add(Stepsize);
        if (figures.Any(f => f is "fig4" or "fig8")) sweeps.Add(BatchSize);
        if (figures.Contains("fig8")) sweeps.Add(GainShape);
        if (figures.Contains("fig5")) sweeps.Add(Edge);
        if (figures.Contains("fig6")) sweeps.Add(Uncentered);
        return sweeps;
    }
}
