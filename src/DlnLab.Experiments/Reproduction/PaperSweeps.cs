using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// The sweeps behind the figures, as data: "stepsize" (GD and SGD with b = 1 over relative stepsizes: figures 1
/// to 3 and 7), "batch-size" (figures 4 and 8) and "gain-shape" (figure 8). All use the same seed, hence the same datasets. By default the support of beta* is the
/// leading s coordinates, so per-coordinate gains can be averaged over datasets with the support in one place
/// (the inputs are isotropic, so where the support sits changes no statistic); the problem's settings and the model are
/// <see cref="ReproductionSettings"/>'.
/// </summary>
public static class PaperSweeps
{
    /// <summary>Name of the stepsize sweep (figures 1 to 3 and 7).</summary>
    public const string Stepsize = "stepsize";
    /// <summary>Name of the batch-size sweep (figures 4 and 8).</summary>
    public const string BatchSize = "batch-size";
    /// <summary>Name of the gain-shape sweep (figure 8).</summary>
    public const string GainShape = "gain-shape";

    /// <summary>GD (b = n) and SGD (b = 1) at the relative stepsizes of figures 1 to 3.</summary>
    public static SweepSpec StepsizeSweep(ReproductionSettings s) => Base(s) with
    {
        Name = Stepsize,
        BatchSize = [1, SweepSpec.FullBatch],
        Stepsize = StepsizeAxis.Relative([.. s.StepsizeFractions]),
    };

    /// <summary>Every batch size of figure 4 at its matched relative stepsizes.</summary>
    public static SweepSpec BatchSizeSweep(ReproductionSettings s) => Base(s) with
    {
        Name = BatchSize,
        BatchSize = s.BatchSizes.ToArray(),
        Stepsize = StepsizeAxis.Relative([.. s.BatchSizeFractions]),
    };

    /// <summary>"gain-shape" (figure 8): every batch size of figure 4 at the one fixed stepsize <see cref="ReproductionSettings.GainShapeStepsize"/>.</summary>
    public static SweepSpec GainShapeSweep(ReproductionSettings s) => Base(s) with
    {
        Name = GainShape,
        BatchSize = s.BatchSizes.ToArray(),
        Stepsize = StepsizeAxis.List(s.GainShapeStepsize),
    };

    private static SweepSpec Base(ReproductionSettings s) => new()
    {
        Seed = s.Seed,
        Datasets = s.Datasets,
        N = [s.N],
        D = [s.D],
        S = [s.S],
        Noise = [s.Noise],
        Nonzeros = s.Nonzeros,
        NonzeroScale = s.NonzeroScale,
        Support = s.Support,
        Model = [s.Model],
        NTest = s.NTest,
        Mean = s.Mean,
        Correlation = s.Correlation,
        Alpha = [s.Alpha],
        Tolerance = s.Tolerance,
        MaxSteps = s.MaxSteps,
    };
}
