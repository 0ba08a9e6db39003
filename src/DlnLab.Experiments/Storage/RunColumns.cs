using DlnLab.Training;
using static DlnLab.Experiments.Storage.ColumnType;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// The run record, declared once: each line is a column (name, type, and where its value comes from), and this list
/// alone drives the runs table (schema, insert, read by name), the export (runs.csv, runs.npz) and the result fields
/// of `dln train --json`. A new field is one line here (with <c>earlier:</c>, the value that runs of existing stores
/// get, so those stores stay readable); <see cref="StoredRun"/> gives it a typed property only if code wants one
/// (otherwise it is read as <c>run[column]</c>). Columns keep their declaration order everywhere.
/// </summary>
public static class RunColumns
{
    // Declared before the columns, which add themselves in order.
    private static readonly List<RunColumn> all = [];

    /// <summary>The run's key: a hash of its canonical JSON, unique in a store.</summary>
    public static readonly RunColumn Key = Of("key", Text, s => s.Key);
    /// <summary>Name of the sweep the run belongs to.</summary>
    public static readonly RunColumn Sweep = Of("sweep", Text, s => s.Spec.Sweep);
    /// <summary>Hash of the dataset's generator spec: runs on the same data share it.</summary>
    public static readonly RunColumn DatasetKey = Of("dataset_key", Text, s => s.Spec.DatasetKey);
    /// <summary>Number of training samples n.</summary>
    public static readonly RunColumn N = Of("n", Int, s => s.Spec.N);
    /// <summary>Dimension d (coordinates of beta).</summary>
    public static readonly RunColumn D = Of("d", Int, s => s.Spec.D);
    /// <summary>Number of nonzeros s of beta*.</summary>
    public static readonly RunColumn S = Of("s", Int, s => s.Spec.S);
    /// <summary>Label noise standard deviation sigma.</summary>
    public static readonly RunColumn Noise = Of("noise", Real, s => s.Spec.Noise);
    /// <summary>How the nonzeros of beta* are drawn (a NonzeroDistribution name).</summary>
    public static readonly RunColumn Nonzeros = Of("nonzeros", Text, s => s.Spec.Nonzeros.ToString());
    /// <summary>Scale of the nonzeros of beta* (the standard deviation of Gaussian ones, the magnitude of Rademacher ones, the bound of uniform ones).</summary>
    public static readonly RunColumn NonzeroScale = Of("nonzero_scale", Real, s => s.Spec.NonzeroScale);
    /// <summary>Where the support of beta* lies (a SupportPlacement name).</summary>
    public static readonly RunColumn Support = Of("support", Text, s => s.Spec.Support.ToString());
    /// <summary>Size n_test of the held-out test set.</summary>
    public static readonly RunColumn NTest = Of("n_test", Int, s => s.Spec.NTest);
    /// <summary>Mean mu of every input coordinate (0: centered).</summary>
    public static readonly RunColumn Mean = Of("mean", Real, s => s.Spec.Mean, earlier: "0.0");
    /// <summary>Correlation rho of the inputs' Toeplitz covariance (0: identity).</summary>
    public static readonly RunColumn Correlation = Of("correlation", Real, s => s.Spec.Correlation, earlier: "0.0");
    /// <summary>Index of the dataset in the sweep's list of data seeds (informative: the seed identifies the data).</summary>
    public static readonly RunColumn DataIndex = Of("data_index", Int, s => s.Spec.DataIndex);
    /// <summary>Seed of the data: X, beta*, noise and test set derive from it.</summary>
    public static readonly RunColumn DataSeed = Of("data_seed", Unsigned, s => s.Spec.DataSeed);
    /// <summary>Initialisation scale alpha (by default u0 = sqrt(2) alpha, v0 = 0).</summary>
    public static readonly RunColumn Alpha = Of("alpha", Real, s => s.Spec.Alpha);
    /// <summary>The parametrisation, uv or power:D.</summary>
    public static readonly RunColumn Model = Of("model", Text, s => s.Spec.Model.ToString(), earlier: "'uv'");
    /// <summary>u0 on every coordinate; null: the default start (u0 = sqrt(2) alpha).</summary>
    public static readonly RunColumn U0 = Of("u0", OptionalReal, s => s.Spec.U0, earlier: "NULL");
    /// <summary>v0 on every coordinate; null: the default start (v0 = 0).</summary>
    public static readonly RunColumn V0 = Of("v0", OptionalReal, s => s.Spec.V0, earlier: "NULL");
    /// <summary>Label-noise SGD's delta: the standard deviation of the fresh noise on the batch's labels at every step (0: plain SGD).</summary>
    public static readonly RunColumn LabelNoise = Of("label_noise", Real, s => s.Spec.LabelNoise, earlier: "0.0");
    /// <summary>Heavy-ball momentum M (0: none); its effective stepsize is lambda = stepsize / (1 - M)^2.</summary>
    public static readonly RunColumn Momentum = Of("momentum", Real, s => s.Spec.Momentum, earlier: "0.0");
    /// <summary>Batch size b (b = n: full-batch GD).</summary>
    public static readonly RunColumn BatchSize = Of("batch_size", Int, s => s.Spec.BatchSize);
    /// <summary>How batches are drawn for b &lt; n (a BatchMode name).</summary>
    public static readonly RunColumn BatchMode = Of("batch_mode", Text, s => s.Spec.BatchMode.ToString());
    /// <summary>The constant stepsize gamma used (NaN when a relative run found no convergent stepsize).</summary>
    public static readonly RunColumn Stepsize = Of("stepsize", Real, s => s.Stepsize);
    /// <summary>Fraction of the largest convergent stepsize, on a relative axis; null otherwise.</summary>
    public static readonly RunColumn StepsizeFraction = Of("stepsize_fraction", OptionalReal, s => s.Spec.StepsizeFraction);
    /// <summary>The configuration's largest convergent stepsize (found by bisection), on a relative axis; null otherwise.</summary>
    public static readonly RunColumn LargestConvergentStepsize = Of("largest_convergent_stepsize", OptionalReal, s => s.Threshold);
    /// <summary>Index of the repeat: runs differing only in it differ in their batch seed.</summary>
    public static readonly RunColumn Repeat = Of("repeat", Int, s => s.Spec.Repeat);
    /// <summary>Seed of the batch sequence (derived from the sweep seed, the data seed, the configuration and the repeat).</summary>
    public static readonly RunColumn BatchSeed = Of("batch_seed", Unsigned, s => s.Spec.BatchSeed);
    /// <summary>Converged once the training loss is at or below this.</summary>
    public static readonly RunColumn Tolerance = Of("tolerance", Real, s => s.Spec.Tolerance);
    /// <summary>Step budget.</summary>
    public static readonly RunColumn MaxSteps = Of("max_steps", Long, s => s.Spec.MaxSteps);
    /// <summary>How the run ended: Converged, BudgetExhausted, Diverged or NoConvergentStepsize.</summary>
    public static readonly RunColumn Status = Trained("status", Text, r => r.Status.ToString(), ResultStore.NoConvergentStepsize);
    /// <summary>Number of updates applied.</summary>
    public static readonly RunColumn Steps = Trained("steps", Long, r => r.Steps, 0L);
    /// <summary>Training loss 1/(2n) ||X beta - y||^2 at the final iterate.</summary>
    public static readonly RunColumn TrainLoss = Trained("train_loss", Real, r => r.TrainLoss, double.NaN);
    /// <summary>Test loss 1/(2 n_test) ||X_test beta - y_test||^2 at the final iterate.</summary>
    public static readonly RunColumn TestLoss = Trained("test_loss", OptionalReal, r => r.TestLoss, null);
    /// <summary>Population loss 1/2 ||beta - beta*||^2 + sigma^2/2 (isotropic Gaussian inputs) at the final iterate.</summary>
    public static readonly RunColumn PopulationLoss = Trained("population_loss", OptionalReal, r => r.PopulationLoss, null);
    /// <summary>||beta - beta*||_2 at the final iterate.</summary>
    public static readonly RunColumn DistanceToBetaStar = Trained("distance_to_beta_star", OptionalReal, r => r.DistanceToBetaStar, null);
    /// <summary>The scale of the gain, ||Gain||_1.</summary>
    public static readonly RunColumn GainL1 = Trained("gain_l1", Real, r => r.GainL1, double.NaN);
    /// <summary>The loss rose above the bounce factor times its running minimum (edge of stability).</summary>
    public static readonly RunColumn Bounced = Trained("bounced", Flag, r => r.Bounced, false);
    /// <summary>Largest observed ratio of the loss to its running minimum.</summary>
    public static readonly RunColumn MaxLossRise = Trained("max_loss_rise", Real, r => r.MaxLossRise, double.NaN);
    /// <summary>Steps at which some |gamma g_i| &gt;= 1 (a factor 1 -+ gamma g_i changed sign or vanished).</summary>
    public static readonly RunColumn SingularSteps = Trained("singular_steps", Long, r => r.SingularSteps, 0L);
    /// <summary>max over steps and coordinates of |gamma_k g_k,i|.</summary>
    public static readonly RunColumn MaxStepGradient = Trained("max_step_gradient", Real, r => r.MaxStepGradient, double.NaN);
    /// <summary>Residual of Theorem 2.2 (run limit against the predicted interpolator), when a residual function was plugged in.</summary>
    public static readonly RunColumn Theorem22Residual = Of("theorem22_residual", OptionalReal, s => s.Residual, earlier: "NULL");
    /// <summary>||beta_run - argmin psi_{alpha_inf}|| / ||argmin psi_{alpha_inf}|| (beta0~ dropped), when the predictions were checked.</summary>
    public static readonly RunColumn DistanceWithoutBetaTilde0 = Of("distance_without_beta_tilde0", OptionalReal, s => s.Predictions?.DistanceWithoutPerturbation, earlier: "NULL");
    /// <summary>Cosine similarity of the gain with E[g_B(beta_0)^2] (its predicted shape), when the predictions were checked.</summary>
    public static readonly RunColumn GainShapeCosine = Of("gain_shape_cosine", OptionalReal, s => s.Predictions?.GainShapeCosine, earlier: "NULL");
    /// <summary>Training wall time in seconds (the one field that differs between identical runs).</summary>
    public static readonly RunColumn WallSeconds = Of("wall_seconds", Real, s => s.WallSeconds);
    /// <summary>Gain_gamma = ln(A_0) - ln(alpha_inf^2) per coordinate (empty for a run never trained).</summary>
    public static readonly RunColumn Gain = Trained("gain", Vector, r => r.Implicit?.Gain, Array.Empty<double>());
    /// <summary>The final iterate beta per coordinate (empty for a run never trained).</summary>
    public static readonly RunColumn Beta = Trained("beta", Vector, r => r.Beta, Array.Empty<double>());
    /// <summary>ln(alpha_inf^2) per coordinate.</summary>
    public static readonly RunColumn LnAlphaInfSquared = Trained("ln_alpha_inf_squared", Vector, r => r.Implicit?.LnAlphaInfSquared, Array.Empty<double>());
    /// <summary>The perturbation beta0~ = alpha_inf^2 sinh(delta) per coordinate.</summary>
    public static readonly RunColumn BetaTilde0 = Trained("beta_tilde0", Vector, r => r.Implicit?.BetaTilde0, Array.Empty<double>());
    // A run's recorded iterates (sweeps with keep_trajectories; empty otherwise), exported as runs x checkpoints (x d).
    /// <summary>Kept trajectory: the step k of each checkpoint.</summary>
    public static readonly RunColumn TrajectoryStep = Trained("trajectory_step", Vector, r => TrajectoryArrays.From(r.Trajectory).Step, Array.Empty<double>(), earlier: "X''", exported: false);
    /// <summary>Kept trajectory: the training loss at each checkpoint.</summary>
    public static readonly RunColumn TrajectoryTrainLoss = Trained("trajectory_train_loss", Vector, r => TrajectoryArrays.From(r.Trajectory).TrainLoss, Array.Empty<double>(), earlier: "X''", exported: false);
    /// <summary>Kept trajectory: the sharpness at each checkpoint (NaN without a read-out).</summary>
    public static readonly RunColumn TrajectorySharpness = Trained("trajectory_sharpness", Vector, r => TrajectoryArrays.From(r.Trajectory).Sharpness, Array.Empty<double>(), earlier: "X''", exported: false);
    /// <summary>Kept trajectory: beta_k at each checkpoint (checkpoints x d).</summary>
    public static readonly RunColumn TrajectoryBeta = Trained("trajectory_beta", Vector, r => TrajectoryArrays.From(r.Trajectory).Beta, Array.Empty<double>(), earlier: "X''", exported: false);
    /// <summary>Kept trajectory: the gain so far, Gain_k, at each checkpoint (checkpoints x d).</summary>
    public static readonly RunColumn TrajectoryGain = Trained("trajectory_gain", Vector, r => TrajectoryArrays.From(r.Trajectory).Gain, Array.Empty<double>(), earlier: "X''", exported: false);
    /// <summary>The run's canonical JSON (its full spec; stored, not exported).</summary>
    public static readonly RunColumn SpecJson = Of("spec_json", Text, s => s.Spec.CanonicalJson, exported: false);

    /// <summary>Every column, in declaration order (the order of the table, the CSV and the npz).</summary>
    public static IReadOnlyList<RunColumn> All => all;

    /// <summary>The exported columns that are one value per run (the columns of runs.csv).</summary>
    public static IEnumerable<RunColumn> ExportedScalars => all.Where(c => c.Exported && c.Type != Vector);

    /// <summary>The exported per-coordinate vectors (runs x d matrices in runs.npz).</summary>
    public static IEnumerable<RunColumn> ExportedVectors => all.Where(c => c.Exported && c.Type == Vector);

    /// <summary>The columns read off a training result (the result fields of `dln train --json`).</summary>
    public static IEnumerable<RunColumn> ResultFields => all.Where(c => c.FromResult is not null && c.Exported);

    /// <summary>The recorded iterates (kept trajectories), exported as runs x checkpoints (x d) arrays.</summary>
    public static IReadOnlyList<RunColumn> Trajectories => [TrajectoryStep, TrajectoryTrainLoss, TrajectorySharpness, TrajectoryBeta, TrajectoryGain];

    /// <summary>The column with this name, or null.</summary>
    public static RunColumn? Named(string name) => all.Find(c => c.Name == name);

    private static RunColumn Of(string name, ColumnType type, Func<RunSource, object?> from, bool exported = true, string? earlier = null)
    {
        var column = new RunColumn(all.Count, name, type, from, null, exported, earlier);
        all.Add(column);
        return column;
    }

    /// <summary>A field of the training result; <paramref name="untrained"/> is its value for a run that was not trained.</summary>
    private static RunColumn Trained(string name, ColumnType type, Func<RunResult, object?> from, object? untrained, string? earlier = null, bool exported = true)
    {
        var column = new RunColumn(all.Count, name, type, s => s.Result is { } r ? from(r) : untrained, from, exported, earlier);
        all.Add(column);
        return column;
    }
}
