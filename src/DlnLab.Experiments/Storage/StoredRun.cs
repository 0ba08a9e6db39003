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
        values[C.LabelNoise.Index] = 0.0;
        values[C.Momentum.Index] = 0.0;
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

    /// <summary>The run's key: a hash of its canonical JSON, unique in a store.</summary>
    public required string Key { get => Get<string>(C.Key); init => Set(C.Key, value); }
    /// <summary>Name of the sweep the run belongs to.</summary>
    public required string Sweep { get => Get<string>(C.Sweep); init => Set(C.Sweep, value); }
    /// <summary>Hash of the dataset's generator spec: runs on the same data share it.</summary>
    public required string DatasetKey { get => Get<string>(C.DatasetKey); init => Set(C.DatasetKey, value); }
    /// <summary>Number of training samples n.</summary>
    public required int N { get => Get<int>(C.N); init => Set(C.N, value); }
    /// <summary>Dimension d (coordinates of beta).</summary>
    public required int D { get => Get<int>(C.D); init => Set(C.D, value); }
    /// <summary>Number of nonzeros s of beta*.</summary>
    public required int S { get => Get<int>(C.S); init => Set(C.S, value); }
    /// <summary>Label noise standard deviation sigma.</summary>
    public required double Noise { get => Get<double>(C.Noise); init => Set(C.Noise, value); }
    /// <summary>How the nonzeros of beta* are drawn (a NonzeroDistribution name).</summary>
    public required string Nonzeros { get => Get<string>(C.Nonzeros); init => Set(C.Nonzeros, value); }
    /// <summary>Scale of the nonzeros of beta* (the standard deviation of Gaussian ones, the magnitude of Rademacher ones, the bound of uniform ones).</summary>
    public required double NonzeroScale { get => Get<double>(C.NonzeroScale); init => Set(C.NonzeroScale, value); }
    /// <summary>Where the support of beta* lies (a SupportPlacement name).</summary>
    public required string Support { get => Get<string>(C.Support); init => Set(C.Support, value); }
    /// <summary>Size n_test of the held-out test set.</summary>
    public required int NTest { get => Get<int>(C.NTest); init => Set(C.NTest, value); }
    /// <summary>Index of the dataset in the sweep's list of data seeds (informative: the seed identifies the data).</summary>
    public required int DataIndex { get => Get<int>(C.DataIndex); init => Set(C.DataIndex, value); }
    /// <summary>Seed of the data: X, beta*, noise and test set derive from it.</summary>
    public required ulong DataSeed { get => Get<ulong>(C.DataSeed); init => Set(C.DataSeed, value); }
    /// <summary>Initialisation scale alpha (by default u0 = sqrt(2) alpha, v0 = 0).</summary>
    public required double Alpha { get => Get<double>(C.Alpha); init => Set(C.Alpha, value); }
    /// <summary>The parametrisation, "uv" or "power:D".</summary>
    public required string Model { get => Get<string>(C.Model); init => Set(C.Model, value); }
    /// <summary>u0 on every coordinate; null: the default start (u0 = sqrt(2) alpha).</summary>
    public double? U0 { get => Get<double?>(C.U0); init => Set(C.U0, value); }
    /// <summary>v0 on every coordinate; null: the default start (v0 = 0).</summary>
    public double? V0 { get => Get<double?>(C.V0); init => Set(C.V0, value); }
    /// <summary>Batch size b (b = n: full-batch GD).</summary>
    public required int BatchSize { get => Get<int>(C.BatchSize); init => Set(C.BatchSize, value); }
    /// <summary>How batches are drawn for b &lt; n (a BatchMode name).</summary>
    public required string BatchMode { get => Get<string>(C.BatchMode); init => Set(C.BatchMode, value); }
    /// <summary>The constant stepsize used (NaN when a relative run found no convergent stepsize).</summary>
    public required double Stepsize { get => Get<double>(C.Stepsize); init => Set(C.Stepsize, value); }
    /// <summary>Fraction of the largest convergent stepsize, for a relative axis.</summary>
    public double? StepsizeFraction { get => Get<double?>(C.StepsizeFraction); init => Set(C.StepsizeFraction, value); }
    /// <summary>The configuration's largest convergent stepsize, for a relative axis.</summary>
    public double? LargestConvergentStepsize { get => Get<double?>(C.LargestConvergentStepsize); init => Set(C.LargestConvergentStepsize, value); }
    /// <summary>Index of the repeat: runs differing only in it differ in their batch seed.</summary>
    public required int Repeat { get => Get<int>(C.Repeat); init => Set(C.Repeat, value); }
    /// <summary>Seed of the batch sequence (derived from the sweep seed, the data seed, the configuration and the repeat).</summary>
    public required ulong BatchSeed { get => Get<ulong>(C.BatchSeed); init => Set(C.BatchSeed, value); }
    /// <summary>Converged once the training loss is at or below this.</summary>
    public required double Tolerance { get => Get<double>(C.Tolerance); init => Set(C.Tolerance, value); }
    /// <summary>Step budget.</summary>
    public required long MaxSteps { get => Get<long>(C.MaxSteps); init => Set(C.MaxSteps, value); }
    /// <summary>Converged, BudgetExhausted, Diverged (see DlnLab.Training.RunStatus) or NoConvergentStepsize.</summary>
    public required string Status { get => Get<string>(C.Status); init => Set(C.Status, value); }
    /// <summary>Number of updates applied.</summary>
    public required long Steps { get => Get<long>(C.Steps); init => Set(C.Steps, value); }
    /// <summary>Training loss 1/(2n) ||X beta - y||^2 at the final iterate.</summary>
    public required double TrainLoss { get => Get<double>(C.TrainLoss); init => Set(C.TrainLoss, value); }
    /// <summary>Test loss 1/(2 n_test) ||X_test beta - y_test||^2 at the final iterate.</summary>
    public double? TestLoss { get => Get<double?>(C.TestLoss); init => Set(C.TestLoss, value); }
    /// <summary>Population loss 1/2 ||beta - beta*||^2 + sigma^2/2 (isotropic Gaussian inputs) at the final iterate.</summary>
    public double? PopulationLoss { get => Get<double?>(C.PopulationLoss); init => Set(C.PopulationLoss, value); }
    /// <summary>||beta - beta*||_2 at the final iterate.</summary>
    public double? DistanceToBetaStar { get => Get<double?>(C.DistanceToBetaStar); init => Set(C.DistanceToBetaStar, value); }
    /// <summary>||Gain||_1.</summary>
    public required double GainL1 { get => Get<double>(C.GainL1); init => Set(C.GainL1, value); }
    /// <summary>The loss rose above the bounce factor times its running minimum (edge of stability).</summary>
    public required bool Bounced { get => Get<bool>(C.Bounced); init => Set(C.Bounced, value); }
    /// <summary>Largest observed ratio of the loss to its running minimum.</summary>
    public required double MaxLossRise { get => Get<double>(C.MaxLossRise); init => Set(C.MaxLossRise, value); }
    /// <summary>Steps at which some |gamma g_i| &gt;= 1 (a factor 1 -+ gamma g_i changed sign or vanished).</summary>
    public required long SingularSteps { get => Get<long>(C.SingularSteps); init => Set(C.SingularSteps, value); }
    /// <summary>max over steps and coordinates of |gamma_k g_k,i|.</summary>
    public required double MaxStepGradient { get => Get<double>(C.MaxStepGradient); init => Set(C.MaxStepGradient, value); }
    /// <summary>Residual of Theorem 2.2 (run limit against the predicted interpolator), when a residual function was plugged in.</summary>
    public double? Theorem22Residual { get => Get<double?>(C.Theorem22Residual); init => Set(C.Theorem22Residual, value); }
    /// <summary>||beta_run - argmin psi_{alpha_inf}|| / ||argmin psi_{alpha_inf}|| (beta0~ dropped), for a converged uv run when the predictions were checked.</summary>
    public double? DistanceWithoutBetaTilde0 { get => Get<double?>(C.DistanceWithoutBetaTilde0); init => Set(C.DistanceWithoutBetaTilde0, value); }
    /// <summary>Cosine similarity of the gain with E[g_B(beta_0)^2] (its predicted shape), when the predictions were checked.</summary>
    public double? GainShapeCosine { get => Get<double?>(C.GainShapeCosine); init => Set(C.GainShapeCosine, value); }
    /// <summary>Training wall time in seconds (the one field that differs between identical runs).</summary>
    public required double WallSeconds { get => Get<double>(C.WallSeconds); init => Set(C.WallSeconds, value); }
    /// <summary>Gain_gamma = ln(A_0) - ln(alpha_inf^2) per coordinate (empty for a run never trained).</summary>
    public required double[] Gain { get => Get<double[]>(C.Gain); init => Set(C.Gain, value); }
    /// <summary>The final iterate beta per coordinate (empty for a run never trained).</summary>
    public required double[] Beta { get => Get<double[]>(C.Beta); init => Set(C.Beta, value); }
    /// <summary>ln(alpha_inf^2) per coordinate.</summary>
    public required double[] LnAlphaInfSquared { get => Get<double[]>(C.LnAlphaInfSquared); init => Set(C.LnAlphaInfSquared, value); }
    /// <summary>beta0~ per coordinate.</summary>
    public required double[] BetaTilde0 { get => Get<double[]>(C.BetaTilde0); init => Set(C.BetaTilde0, value); }
    /// <summary>Mean mu of every input coordinate of the run's data (0: centered).</summary>
    public double Mean { get => Get<double>(C.Mean); init => Set(C.Mean, value); }
    /// <summary>Correlation rho of the inputs' Toeplitz covariance (0: identity).</summary>
    public double Correlation { get => Get<double>(C.Correlation); init => Set(C.Correlation, value); }
    /// <summary>Label-noise SGD's delta (0: plain SGD).</summary>
    public double LabelNoise { get => Get<double>(C.LabelNoise); init => Set(C.LabelNoise, value); }
    /// <summary>Heavy-ball momentum M (0: none).</summary>
    public double Momentum { get => Get<double>(C.Momentum); init => Set(C.Momentum, value); }
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

    /// <summary>Every value equal (vectors element by element).</summary>
    public bool Equals(StoredRun? other) =>
        other is not null && values.Zip(other.values).All(p => p.First is double[] a && p.Second is double[] b ? a.AsSpan().SequenceEqual(b) : Equals(p.First, p.Second));

    /// <summary>The hash of the run's key.</summary>
    public override int GetHashCode() => Key?.GetHashCode(StringComparison.Ordinal) ?? 0;

    private T Get<T>(RunColumn column) => (T)values[column.Index]!;

    private void Set(RunColumn column, object? value) => values[column.Index] = value;
}
