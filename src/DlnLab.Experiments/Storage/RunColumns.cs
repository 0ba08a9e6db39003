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

    public static readonly RunColumn Key = Of("key", Text, s => s.Key);
    public static readonly RunColumn Sweep = Of("sweep", Text, s => s.Spec.Sweep);
    public static readonly RunColumn DatasetKey = Of("dataset_key", Text, s => s.Spec.DatasetKey);
    public static readonly RunColumn N = Of("n", Int, s => s.Spec.N);
    public static readonly RunColumn D = Of("d", Int, s => s.Spec.D);
    public static readonly RunColumn S = Of("s", Int, s => s.Spec.S);
    public static readonly RunColumn Noise = Of("noise", Real, s => s.Spec.Noise);
    public static readonly RunColumn Nonzeros = Of("nonzeros", Text, s => s.Spec.Nonzeros.ToString());
    public static readonly RunColumn NonzeroScale = Of("nonzero_scale", Real, s => s.Spec.NonzeroScale);
    public static readonly RunColumn Support = Of("support", Text, s => s.Spec.Support.ToString());
    public static readonly RunColumn NTest = Of("n_test", Int, s => s.Spec.NTest);
    public static readonly RunColumn Mean = Of("mean", Real, s => s.Spec.Mean, earlier: "0.0");
    public static readonly RunColumn Correlation = Of("correlation", Real, s => s.Spec.Correlation, earlier: "0.0");
    public static readonly RunColumn DataIndex = Of("data_index", Int, s => s.Spec.DataIndex);
    public static readonly RunColumn DataSeed = Of("data_seed", Unsigned, s => s.Spec.DataSeed);
    public static readonly RunColumn Alpha = Of("alpha", Real, s => s.Spec.Alpha);
    public static readonly RunColumn Model = Of("model", Text, s => s.Spec.Model.ToString(), earlier: "'uv'");
    public static readonly RunColumn U0 = Of("u0", OptionalReal, s => s.Spec.U0, earlier: "NULL");
    public static readonly RunColumn V0 = Of("v0", OptionalReal, s => s.Spec.V0, earlier: "NULL");
    public static readonly RunColumn BatchSize = Of("batch_size", Int, s => s.Spec.BatchSize);
    public static readonly RunColumn BatchMode = Of("batch_mode", Text, s => s.Spec.BatchMode.ToString());
    public static readonly RunColumn Stepsize = Of("stepsize", Real, s => s.Stepsize);
    public static readonly RunColumn StepsizeFraction = Of("stepsize_fraction", OptionalReal, s => s.Spec.StepsizeFraction);
    public static readonly RunColumn LargestConvergentStepsize = Of("largest_convergent_stepsize", OptionalReal, s => s.Threshold);
    public static readonly RunColumn Repeat = Of("repeat", Int, s => s.Spec.Repeat);
    public static readonly RunColumn BatchSeed = Of("batch_seed", Unsigned, s => s.Spec.BatchSeed);
    public static readonly RunColumn Tolerance = Of("tolerance", Real, s => s.Spec.Tolerance);
    public static readonly RunColumn MaxSteps = Of("max_steps", Long, s => s.Spec.MaxSteps);
    public static readonly RunColumn Status = Trained("status", Text, r => r.Status.ToString(), ResultStore.NoConvergentStepsize);
    public static readonly RunColumn Steps = Trained("steps", Long, r => r.Steps, 0L);
    public static readonly RunColumn TrainLoss = Trained("train_loss", Real, r => r.TrainLoss, double.NaN);
    public static readonly RunColumn TestLoss = Trained("test_loss", OptionalReal, r => r.TestLoss, null);
    public static readonly RunColumn PopulationLoss = Trained("population_loss", OptionalReal, r => r.PopulationLoss, null);
    public static readonly RunColumn DistanceToBetaStar = Trained("distance_to_beta_star", OptionalReal, r => r.DistanceToBetaStar, null);
    public static readonly RunColumn GainL1 = Trained("gain_l1", Real, r => r.GainL1, double.NaN);
    public static readonly RunColumn Bounced = Trained("bounced", Flag, r => r.Bounced, false);
    public static readonly RunColumn MaxLossRise = Trained("max_loss_rise", Real, r => r.MaxLossRise, double.NaN);
    public static readonly RunColumn SingularSteps = Trained("singular_steps", Long, r => r.SingularSteps, 0L);
    public static readonly RunColumn MaxStepGradient = Trained("max_step_gradient", Real, r => r.MaxStepGradient, double.NaN);
    public static readonly RunColumn Theorem22Residual = Of("theorem22_residual", OptionalReal, s => s.Residual, earlier: "NULL");
    public static readonly RunColumn DistanceWithoutBetaTilde0 = Of("distance_without_beta_tilde0", OptionalReal, s => s.Predictions?.DistanceWithoutPerturbation, earlier: "NULL");
    public static readonly RunColumn GainShapeCosine = Of("gain_shape_cosine", OptionalReal, s => s.Predictions?.GainShapeCosine, earlier: "NULL");
    public static readonly RunColumn WallSeconds = Of("wall_seconds", Real, s => s.WallSeconds);
    public static readonly RunColumn Gain = Trained("gain", Vector, r => r.Implicit?.Gain, Array.Empty<double>());
    public static readonly RunColumn Beta = Trained("beta", Vector, r => r.Beta, Array.Empty<double>());
    public static readonly RunColumn LnAlphaInfSquared = Trained("ln_alpha_inf_squared", Vector, r => r.Implicit?.LnAlphaInfSquared, Array.Empty<double>());
    public static readonly RunColumn BetaTilde0 = Trained("beta_tilde0", Vector, r => r.Implicit?.BetaTilde0, Array.Empty<double>());
    // A run's recorded iterates (sweeps with keep_trajectories; empty otherwise), exported as runs x checkpoints (x d).
    public static readonly RunColumn TrajectoryStep = Trained("trajectory_step", Vector, r => TrajectoryArrays.From(r.Trajectory).Step, Array.Empty<double>(), earlier: "X''", exported: false);
    public static readonly RunColumn TrajectoryTrainLoss = Trained("trajectory_train_loss", Vector, r => TrajectoryArrays.From(r.Trajectory).TrainLoss, Array.Empty<double>(), earlier: "X''", exported: false);
    public static readonly RunColumn TrajectorySharpness = Trained("trajectory_sharpness", Vector, r => TrajectoryArrays.From(r.Trajectory).Sharpness, Array.Empty<double>(), earlier: "X''", exported: false);
    public static readonly RunColumn TrajectoryBeta = Trained("trajectory_beta", Vector, r => TrajectoryArrays.From(r.Trajectory).Beta, Array.Empty<double>(), earlier: "X''", exported: false);
    public static readonly RunColumn TrajectoryGain = Trained("trajectory_gain", Vector, r => TrajectoryArrays.From(r.Trajectory).Gain, Array.Empty<double>(), earlier: "X''", exported: false);
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
