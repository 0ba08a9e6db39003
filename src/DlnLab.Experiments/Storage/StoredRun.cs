namespace DlnLab.Experiments.Storage;

/// <summary>
/// One finished run as stored: its coordinates, status, metrics and vectors. SQLite has no NaN, so a NaN metric
/// reads back as NaN for plain doubles and as null for optional ones. Vectors are empty when the run never trained
/// (status <see cref="ResultStore.NoConvergentStepsize"/>).
/// </summary>
public sealed record StoredRun
{
    public required string Key { get; init; }
    public required string Sweep { get; init; }
    public required string DatasetKey { get; init; }
    public required int N { get; init; }
    public required int D { get; init; }
    public required int S { get; init; }
    public required double Noise { get; init; }
    public required string Nonzeros { get; init; }
    public required double NonzeroScale { get; init; }
    public required string Support { get; init; }
    public required int NTest { get; init; }
    public required int DataIndex { get; init; }
    public required ulong DataSeed { get; init; }
    public required double Alpha { get; init; }
    public required int BatchSize { get; init; }
    public required string BatchMode { get; init; }
    /// <summary>The constant stepsize used (NaN when a relative run found no convergent stepsize).</summary>
    public required double Stepsize { get; init; }
    /// <summary>Fraction of the largest convergent stepsize, for a relative axis.</summary>
    public double? StepsizeFraction { get; init; }
    /// <summary>The configuration's largest convergent stepsize, for a relative axis.</summary>
    public double? LargestConvergentStepsize { get; init; }
    public required int Repeat { get; init; }
    public required ulong BatchSeed { get; init; }
    public required double Tolerance { get; init; }
    public required long MaxSteps { get; init; }
    /// <summary>Converged, BudgetExhausted, Diverged (see DlnLab.Training.RunStatus) or NoConvergentStepsize.</summary>
    public required string Status { get; init; }
    public required long Steps { get; init; }
    public required double TrainLoss { get; init; }
    public double? TestLoss { get; init; }
    public double? PopulationLoss { get; init; }
    public double? DistanceToBetaStar { get; init; }
    /// <summary>||Gain||_1.</summary>
    public required double GainL1 { get; init; }
    public required bool Bounced { get; init; }
    public required double MaxLossRise { get; init; }
    public required long SingularSteps { get; init; }
    public required double MaxStepGradient { get; init; }
    /// <summary>Residual of Theorem 2.2 (run limit against the predicted interpolator), when a residual function was plugged in.</summary>
    public double? Theorem22Residual { get; init; }
    /// <summary>Training wall time in seconds (the one field that differs between identical runs).</summary>
    public required double WallSeconds { get; init; }
    public required double[] Gain { get; init; }
    public required double[] Beta { get; init; }
    /// <summary>ln(alpha_inf^2) per coordinate.</summary>
    public required double[] LnAlphaInfSquared { get; init; }
    /// <summary>beta0~ per coordinate.</summary>
    public required double[] BetaTilde0 { get; init; }
    /// <summary>The run's canonical JSON (its full spec).</summary>
    public required string SpecJson { get; init; }

    /// <summary>The generator spec of the run's dataset: generating it gives back the run's problem exactly.</summary>
    public Problems.SparseRegressionSpec ProblemSpec() => new()
    {
        N = N, D = D, S = S, Noise = Noise, NTest = NTest, Seed = DataSeed,
        Nonzeros = Enum.Parse<Problems.NonzeroDistribution>(Nonzeros), NonzeroScale = NonzeroScale,
        Support = Enum.Parse<Problems.SupportPlacement>(Support),
    };
}
