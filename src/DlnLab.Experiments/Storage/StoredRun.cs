using System.Diagnostics.CodeAnalysis;
using C = DlnLab.Experiments.Storage.RunColumns;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// One finished run as stored: a value for each of <see cref="RunColumns.All"/> (its coordinates, status, metrics and
/// vectors). The properties below are typed views of those values; a column without a property is read as
/// <c>run[column]</c>. SQLite has no NaN, so a NaN metric reads back as NaN for plain doubles and as null for optional
/// ones. Vectors are empty when the run never trained (status <see cref="ResultStore.NoConvergentStepsize"/>).
/// Two records are equal when every value is (vectors element by element).
/// </summary>
public sealed record StoredRun
{
    private readonly object?[] values;

    /// <summary>
    /// An empty record, for an object initialiser that sets every required property; the columns without a required
    /// property start at their defaults (centered, uncorrelated inputs; no kept trajectory).
    /// </summary>
    public StoredRun()
    {
        values = new object?[C.All.Count];
        values[C.Mean.Index] = 0.0;
        values[C.Correlation.Index] = 0.0;
        foreach (var column in C.Trajectories) values[column.Index] = Array.Empty<double>();
    }

#pragma warning disable CS8618 // the properties live in values, which these constructors fill
    private StoredRun(StoredRun original) => values = (object?[])original.values.Clone();

    [SetsRequiredMembers]
    private StoredRun(object?[] values) => this.values = values;
#pragma warning restore CS8618

    /// <summary>The record of a run computed now: each column's value from its source.</summary>
    internal static StoredRun From(RunSource source) => new(C.All.Select(c => c.From(source)).ToArray());

    /// <summary>A record from one value per column, in <see cref="RunColumns.All"/> order.</summary>
    internal static StoredRun FromValues(object?[] values) => new(values);

    /// <summary>The value of a column (boxed; its type is the column's <see cref="ColumnType"/>).</summary>
    public object? this[RunColumn column] => values[column.Index];

    public required string Key { get => Get<string>(C.Key); init => Set(C.Key, value); }
    public required string Sweep { get => Get<string>(C.Sweep); init => Set(C.Sweep, value); }
    public required string DatasetKey { get => Get<string>(C.DatasetKey); init => Set(C.DatasetKey, value); }
    public required int N { get => Get<int>(C.N); init => Set(C.N, value); }
    public required int D { get => Get<int>(C.D); init => Set(C.D, value); }
    public required int S { get => Get<int>(C.S); init => Set(C.S, value); }
    public required double Noise { get => Get<double>(C.Noise); init => Set(C.Noise, value); }
    public required string Nonzeros { get => Get<string>(C.Nonzeros); init => Set(C.Nonzeros, value); }
    public required double NonzeroScale { get => Get<double>(C.NonzeroScale); init => Set(C.NonzeroScale, value); }
    public required string Support { get => Get<string>(C.Support); init => Set(C.Support, value); }
    public required int NTest { get => Get<int>(C.NTest); init => Set(C.NTest, value); }
    public required int DataIndex { get => Get<int>(C.DataIndex); init => Set(C.DataIndex, value); }
    public required ulong DataSeed { get => Get<ulong>(C.DataSeed); init => Set(C.DataSeed, value); }
    public required double Alpha { get => Get<double>(C.Alpha); init => Set(C.Alpha, value); }
    /// <summary>The parametrisation, "uv" or "power:D".</summary>
    public required string Model { get => Get<string>(C.Model); init => Set(C.Model, value); }
    /// <summary>u0 on every coordinate; null: the default start (u0 = sqrt(2) alpha).</summary>
    public double? U0 { get => Get<double?>(C.U0); init => Set(C.U0, value); }
    /// <summary>v0 on every coordinate; null: the default start (v0 = 0).</summary>
    public double? V0 { get => Get<double?>(C.V0); init => Set(C.V0, value); }
    public required int BatchSize { get => Get<int>(C.BatchSize); init => Set(C.BatchSize, value); }
    public required string BatchMode { get => Get<string>(C.BatchMode); init => Set(C.BatchMode, value); }
    /// <summary>The constant stepsize used (NaN when a relative run found no convergent stepsize).</summary>
    public required double Stepsize { get => Get<double>(C.Stepsize); init => Set(C.Stepsize, value); }
    /// <summary>Fraction of the largest convergent stepsize, for a relative axis.</summary>
    public double? StepsizeFraction { get => Get<double?>(C.StepsizeFraction); init => Set(C.StepsizeFraction, value); }
    /// <summary>The configuration's largest convergent stepsize, for a relative axis.</summary>
    public double? LargestConvergentStepsize { get => Get<double?>(C.LargestConvergentStepsize); init => Set(C.LargestConvergentStepsize, value); }
    public required int Repeat { get => Get<int>(C.Repeat); init => Set(C.Repeat, value); }
    public required ulong BatchSeed { get => Get<ulong>(C.BatchSeed); init => Set(C.BatchSeed, value); }
    public required double Tolerance { get => Get<double>(C.Tolerance); init => Set(C.Tolerance, value); }
    public required long MaxSteps { get => Get<long>(C.MaxSteps); init => Set(C.MaxSteps, value); }
    /// <summary>Converged, BudgetExhausted, Diverged (see DlnLab.Training.RunStatus) or NoConvergentStepsize.</summary>
    public required string Status { get => Get<string>(C.Status); init => Set(C.Status, value); }
    public required long Steps { get => Get<long>(C.Steps); init => Set(C.Steps, value); }
    public required double TrainLoss { get => Get<double>(C.TrainLoss); init => Set(C.TrainLoss, value); }
    public double? TestLoss { get => Get<double?>(C.TestLoss); init => Set(C.TestLoss, value); }
    public double? PopulationLoss { get => Get<double?>(C.PopulationLoss); init => Set(C.PopulationLoss, value); }
    public double? DistanceToBetaStar { get => Get<double?>(C.DistanceToBetaStar); init => Set(C.DistanceToBetaStar, value); }
    /// <summary>||Gain||_1.</summary>
    public required double GainL1 { get => Get<double>(C.GainL1); init => Set(C.GainL1, value); }
    public required bool Bounced { get => Get<bool>(C.Bounced); init => Set(C.Bounced, value); }
    public required double MaxLossRise { get => Get<double>(C.MaxLossRise); init => Set(C.MaxLossRise, value); }
    public required long SingularSteps { get => Get<long>(C.SingularSteps); init => Set(C.SingularSteps, value); }
    public required double MaxStepGradient { get => Get<double>(C.MaxStepGradient); init => Set(C.MaxStepGradient, value); }
    /// <summary>Residual of Theorem 2.2 (run limit against the predicted interpolator), when a residual function was plugged in.</summary>
    public double? Theorem22Residual { get => Get<double?>(C.Theorem22Residual); init => Set(C.Theorem22Residual, value); }
    /// <summary>||beta_run - argmin psi_{alpha_inf}|| / ||argmin psi_{alpha_inf}|| (beta0~ dropped), for a converged uv run when the predictions were checked.</summary>
    public double? DistanceWithoutBetaTilde0 { get => Get<double?>(C.DistanceWithoutBetaTilde0); init => Set(C.DistanceWithoutBetaTilde0, value); }
    /// <summary>Cosine similarity of the gain with E[g_B(beta_0)^2] (its predicted shape), when the predictions were checked.</summary>
    public double? GainShapeCosine { get => Get<double?>(C.GainShapeCosine); init => Set(C.GainShapeCosine, value); }
    /// <summary>Training wall time in seconds (the one field that differs between identical runs).</summary>
    public required double WallSeconds { get => Get<double>(C.WallSeconds); init => Set(C.WallSeconds, value); }
    public required double[] Gain { get => Get<double[]>(C.Gain); init => Set(C.Gain, value); }
    public required double[] Beta { get => Get<double[]>(C.Beta); init => Set(C.Beta, value); }
    /// <summary>ln(alpha_inf^2) per coordinate.</summary>
    public required double[] LnAlphaInfSquared { get => Get<double[]>(C.LnAlphaInfSquared); init => Set(C.LnAlphaInfSquared, value); }
    /// <summary>beta0~ per coordinate.</summary>
    public required double[] BetaTilde0 { get => Get<double[]>(C.BetaTilde0); init => Set(C.BetaTilde0, value); }
    /// <summary>Mean mu of every input coordinate of the run's data (0: centered).</summary>
    public double Mean { get => Get<double>(C.Mean); init => Set(C.Mean, value); }
    /// <summary>Correlation rho of the inputs' Toeplitz covariance (0: identity).</summary>
    public double Correlation { get => Get<double>(C.Correlation); init => Set(C.Correlation, value); }
    /// <summary>The run's canonical JSON (its full spec).</summary>
    public required string SpecJson { get => Get<string>(C.SpecJson); init => Set(C.SpecJson, value); }

    /// <summary>The generator spec of the run's dataset: generating it gives back the run's problem exactly.</summary>
    public Problems.SparseRegressionSpec ProblemSpec() => new()
    {
        N = N, D = D, S = S, Noise = Noise, NTest = NTest, Seed = DataSeed,
        Nonzeros = Enum.Parse<Problems.NonzeroDistribution>(Nonzeros), NonzeroScale = NonzeroScale,
        Support = Enum.Parse<Problems.SupportPlacement>(Support),
        Mean = Mean, Correlation = Correlation,
    };

    public bool Equals(StoredRun? other) =>
        other is not null && values.Zip(other.values).All(p => p.First is double[] a && p.Second is double[] b ? a.AsSpan().SequenceEqual(b) : Equals(p.First, p.Second));

    public override int GetHashCode() => Key?.GetHashCode(StringComparison.Ordinal) ?? 0;

    private T Get<T>(RunColumn column) => (T)values[column.Index]!;

    private void Set(RunColumn column, object? value) => values[column.Index] = value;
}
