using DlnLab.Randomness;

namespace DlnLab.Experiments.Sweeps;

/// <summary>Expands a validated <see cref="SweepSpec"/> into its runs.</summary>
internal static class SweepExpansion
{
    private static readonly ulong BatchLabel = SplitMix64.Label("batches");

    /// <summary>
    /// Order: dataset, n, d, s, noise, alpha, model, u0, v0 (or the initialisation shape), label noise, momentum, batch size, repeat, stepsize (runs sharing a dataset are adjacent).
    /// The batch seed is derived from the coordinate values (not their positions, so adding a value to an axis
    /// changes no other run) and deliberately not from the stepsize: all stepsizes of one configuration see the
    /// same batch sequence (common random numbers); nor from the model, its start, the label noise (whose stream is
    /// derived from the batch seed: runs differing only in delta see the same xi) or the momentum, for the same reason
    /// (runs that differ only there compare on the same batches), which makes curves over the stepsize smooth and lets the
    /// bisection for the largest convergent stepsize use exactly the runs' batch sequence.
    /// </summary>
    public static IReadOnlyList<RunSpec> Expand(SweepSpec spec)
    {
        var dataSeeds = spec.ResolvedDataSeeds();
        var points = spec.Stepsize.Points();
        bool relative = spec.Stepsize.IsRelative;
        var runs = new List<RunSpec>();
        for (int di = 0; di < dataSeeds.Length; di++)
        foreach (int n in spec.N)
        foreach (int d in spec.D)
        foreach (int s in spec.S)
        foreach (double noise in spec.Noise)
        foreach (double alpha in spec.Alpha)
        foreach (var model in spec.Model)
        foreach (var (u0, v0) in Starts(spec, alpha))
        foreach (double labelNoise in Axis(spec.LabelNoise).Select(x => x ?? 0.0))
        foreach (double momentum in Axis(spec.Momentum).Select(x => x ?? 0.0))
        foreach (int bAxis in spec.BatchSize)
        {
            int b = bAxis == SweepSpec.FullBatch ? n : bAxis;
            for (int r = 0; r < spec.Repeats; r++)
            {
                ulong batchSeed = SplitMix64.Derive(spec.Seed, BatchLabel, dataSeeds[di], (ulong)n, (ulong)d, (ulong)s,
                    Bits(noise), Bits(alpha), (ulong)b, (ulong)r);
                for (int k = 0; k < points.Length; k++)
                    runs.Add(new RunSpec
                    {
                        Sweep = spec.Name, N = n, D = d, S = s, Noise = noise, Nonzeros = spec.Nonzeros,
                        NonzeroScale = spec.NonzeroScale, Support = spec.Support, NTest = spec.NTest,
                        Mean = spec.Mean == 0 ? 0.0 : spec.Mean, Correlation = spec.Correlation == 0 ? 0.0 : spec.Correlation,
                        DataIndex = di, DataSeed = dataSeeds[di], Alpha = alpha,
                        Model = model, U0 = u0, V0 = v0, LabelNoise = labelNoise, Momentum = momentum, BatchSize = b, BatchMode = spec.BatchMode,
                        Stepsize = relative ? null : points[k],
                        StepsizeFraction = relative ? points[k] : null,
                        Repeat = r, BatchSeed = batchSeed, Tolerance = spec.Tolerance, MaxSteps = spec.MaxSteps,
                        DivergenceFactor = spec.DivergenceFactor, BounceFactor = spec.BounceFactor,
                        LossCheckInterval = spec.LossCheckInterval, Threshold = relative ? spec.Threshold : null,
                        KeepTrajectories = spec.KeepTrajectories, CheckpointsPerDecade = spec.CheckpointsPerDecade, CheckpointEvery = spec.CheckpointEvery,
                    });
            }
        }
        return runs;
    }

    // The (u0, v0) axes: the shape's starts at this alpha, else u0 x v0 (each null when left out: the default start).
    private static IEnumerable<(double? U0, double? V0)> Starts(SweepSpec spec, double alpha) => spec.Shape is { } shapes
        ? shapes.Select(s => ((double?)Zero(SweepSpec.ShapedU0(alpha, s)), (double?)Zero(SweepSpec.ShapedV0(alpha, s))))
        : Axis(spec.U0).SelectMany(u => Axis(spec.V0).Select(v => (u, v)));

    private static double Zero(double x) => x == 0 ? 0.0 : x;

    // An axis left out is its one default value, null; -0 is written as 0 (the same start, so the same key).
    private static IEnumerable<double?> Axis(IReadOnlyList<double>? values) =>
        values is null ? [null] : values.Select(x => (double?)(x == 0 ? 0.0 : x));

    // +0.0 and -0.0 are different bits; a grid value of -0 for noise is rejected earlier only if negative, so normalise.
    private static ulong Bits(double x) => BitConverter.DoubleToUInt64Bits(x == 0 ? 0.0 : x);
}
