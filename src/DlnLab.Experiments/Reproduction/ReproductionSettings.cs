using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Reproduction;

/// <summary>
/// The settings of `dln reproduce`. Defaults follow the report: (n, d, s, alpha) = (20, 30, 3, 0.1), Gaussian inputs,
/// noiseless labels, nonzeros of beta* from N(0, 10^2), 1000 test points, training until the loss is below 1e-5 or
/// 1e5 steps. Stepsizes are fractions of each configuration's largest convergent stepsize (found by bisection), so
/// every dataset is probed up to its own edge of stability.
/// </summary>
public sealed record ReproductionSettings
{
    /// <summary>Datasets (independent draws of X and beta*) per configuration (default 20): medians and bands are over them.</summary>
    public int Datasets { get; init; } = 20;
    /// <summary>Seed from which data and batch seeds are derived (default 1).</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>Number of training samples n (default 20).</summary>
    public int N { get; init; } = 20;
    /// <summary>Dimension d (default 30).</summary>
    public int D { get; init; } = 30;
    /// <summary>Number of nonzeros s of beta* (default 3).</summary>
    public int S { get; init; } = 3;
    /// <summary>Initialisation scale alpha (default 0.1).</summary>
    public double Alpha { get; init; } = 0.1;
    /// <summary>Label noise standard deviation sigma (default 0: the report's noiseless labels).</summary>
    public double Noise { get; init; }
    /// <summary>Distribution of the nonzeros of beta* (default Gaussian, the report's N(0, scale^2)).</summary>
    public NonzeroDistribution Nonzeros { get; init; } = NonzeroDistribution.Gaussian;
    /// <summary>Scale of the nonzeros of beta* (default 10).</summary>
    public double NonzeroScale { get; init; } = 10;
    /// <summary>Where the support of beta* lies (default the leading s coordinates, so per-coordinate gains average over datasets).</summary>
    public SupportPlacement Support { get; init; } = SupportPlacement.Leading;
    /// <summary>The parametrisation of every sweep (default uv, the report's beta = u * v).</summary>
    public ModelSpec Model { get; init; } = ModelSpec.Uv;
    /// <summary>Size n_test of each held-out test set (default 1000).</summary>
    public int NTest { get; init; } = 1000;
    /// <summary>Mean mu of every input coordinate of every sweep (default 0: the report's centered inputs).</summary>
    public double Mean { get; init; }
    /// <summary>Correlation rho of the inputs' Toeplitz covariance rho^|i-j| in every sweep (default 0: the report's identity).</summary>
    public double Correlation { get; init; }
    /// <summary>Runs converge once the training loss is at or below this (default 1e-5).</summary>
    public double Tolerance { get; init; } = 1e-5;
    /// <summary>Step budget of every run (default 1e5).</summary>
    public long MaxSteps { get; init; } = 100_000;
    /// <summary>Fractions gamma / gamma_max of figures 1 to 3 (default 12 log-spaced from 0.05 to 1).</summary>
    public IReadOnlyList<double> StepsizeFractions { get; init; } = LogSpaced(0.05, 1, 12);
    /// <summary>The fraction at which figure 2 shows the shape of the gain (default the largest, 1: the edge).</summary>
    public double ShapeFraction { get; init; } = 1;
    /// <summary>Batch sizes of figure 4 (default those of 1, 2, 5, 10 below n, and n: 1, 2, 5, 10, 20 for the report's n = 20).</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get => batchSizes ?? [.. new[] { 1, 2, 5, 10 }.Where(b => b < N), N];
        init => batchSizes = value;
    }
    private readonly IReadOnlyList<int>? batchSizes;
    /// <summary>Matched relative stepsizes of figure 4 (default 0.25, 0.5, 1).</summary>
    public IReadOnlyList<double> BatchSizeFractions { get; init; } = [0.25, 0.5, 1];
    /// <summary>
    /// The one fixed stepsize of figure 8's small-stepsize gain shapes and of its gain scale against batch size (default
    /// 0.002: well below every batch size's edge here, where q(x) ~ x^2 holds along the run).
    /// </summary>
    public double GainShapeStepsize { get; init; } = 2e-3;
    /// <summary>Runs trained at once (default all cores); results do not depend on it.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>count values from start to stop, equally spaced in log scale, rounded to 4 significant digits.</summary>
    public static double[] LogSpaced(double start, double stop, int count) =>
        Enumerable.Range(0, count)
            .Select(i => count == 1 ? start : start * Math.Pow(stop / start, i / (double)(count - 1)))
            .Select(v => double.Parse(v.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first bad setting.</summary>
    public ReproductionSettings Validated()
    {
        Check.InRange("datasets", Datasets, 1, 100_000);
        Check.Positive("n", N);
        Check.Positive("d", D);
        if (S < 0 || S > D) throw new InvalidInputException("s", S, $"must be an integer in [0, d] = [0, {D}]");
        Check.Positive("alpha", Alpha);
        Check.Positive("n-test", NTest);
        if (!(Noise >= 0 && double.IsFinite(Noise))) throw new InvalidInputException("noise", Noise, "must be a finite number >= 0");
        if (!Enum.IsDefined(Nonzeros)) throw new InvalidInputException("nonzeros", Nonzeros, "must be gaussian, rademacher, uniform or constant");
        if (!(NonzeroScale > 0 && double.IsFinite(NonzeroScale))) throw new InvalidInputException("scale", NonzeroScale, "must be a finite number > 0");
        if (!Enum.IsDefined(Support)) throw new InvalidInputException("support", Support, "must be random or leading");
        ArgumentNullException.ThrowIfNull(Model);
        if (!double.IsFinite(Mean)) throw new InvalidInputException("mean", Mean, "must be a finite number");
        if (!(Correlation > -1 && Correlation < 1)) throw new InvalidInputException("correlation", Correlation, "must be a number in (-1, 1)");
        Check.NonNegative("tolerance", Tolerance);
        Check.Positive("max-steps", MaxSteps);
        if (StepsizeFractions.Count == 0) throw new InvalidInputException("stepsize fractions", "is empty");
        foreach (double f in StepsizeFractions.Append(ShapeFraction).Concat(BatchSizeFractions))
            if (!(f > 0 && f <= 1)) throw new InvalidInputException("stepsize fraction", f, "must be in (0, 1]");
        if (!StepsizeFractions.Contains(ShapeFraction)) throw new InvalidInputException("shape fraction", ShapeFraction, "must be one of the stepsize fractions");
        foreach (int b in BatchSizes) Check.InRange("batch size", b, 1, N);
        Check.Positive("gain-shape stepsize", GainShapeStepsize);
        Check.Positive("threads", Threads);
        return this;
    }
}
