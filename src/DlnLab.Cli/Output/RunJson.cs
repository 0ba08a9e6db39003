using System.Text.Json;
using DlnLab.Problems;
using DlnLab.Cli.Options;
using DlnLab.Analysis;
using DlnLab.Experiments;
using DlnLab.Experiments.Storage;
using DlnLab.Training;

namespace DlnLab.Cli.Output;

/// <summary>
/// The machine-readable record of one training run: the result fields of the run record (<see cref="RunColumns.ResultFields"/>,
/// named as in the store and the export), alpha_inf, delta and alpha, the theory checks, the trajectory, the spec that
/// produced it (problem and training options) and the wall time, on one line. Number conventions: <see cref="JsonNumbers"/>.
/// </summary>
internal static class RunJson
{
    public static void Write(TextWriter output, ProblemDescription problem, TrainingOptions options, RunResult result, TheoryCheck? theory, RunTiming timing, string? config = null) =>
        JsonLine.Write(output, json =>
        {
            json.WriteStartObject();
            foreach (var column in RunColumns.ResultFields) WriteField(json, column, column.FromResult!(result));
            // The implicit-bias quantities apply to uv runs only: null for power:D.
            WriteArrayOrNull(json, "alpha_inf", result.Implicit?.AlphaInf());
            WriteArrayOrNull(json, "delta", result.Implicit?.Delta);
            JsonNumbers.WriteArray(json, "alpha", result.Alpha);
            WriteTheory(json, theory, options);
            WriteTrajectory(json, result.Trajectory);
            WriteSpec(json, problem, options, config);
            json.WriteStartObject("timing");
            JsonNumbers.Write(json, "wall_seconds", timing.WallSeconds);
            JsonNumbers.Write(json, "steps_per_second", timing.StepsPerSecond);
            json.WriteEndObject();
            json.WriteEndObject();
        });

    /// <summary>A result field as its column's type says (the status as <see cref="Words"/> spells it).</summary>
    private static void WriteField(Utf8JsonWriter json, RunColumn column, object? value)
    {
        switch (value)
        {
            case double[] vector: JsonNumbers.WriteArray(json, column.Name, vector); break;
            case double x: JsonNumbers.Write(json, column.Name, x); break;
            case null when column.Type is ColumnType.Real or ColumnType.OptionalReal: JsonNumbers.Write(json, column.Name, (double?)null); break;
            case bool b: json.WriteBoolean(column.Name, b); break;
            case long n: json.WriteNumber(column.Name, n); break;
            case int n: json.WriteNumber(column.Name, n); break;
            case ulong n: json.WriteNumber(column.Name, n); break;
            case string text: json.WriteString(column.Name, (string)Words.Exported(column, text)!); break;
            default: json.WriteNull(column.Name); break;
        }
    }

    private static void WriteArrayOrNull(Utf8JsonWriter json, string name, double[]? values)
    {
        if (values is null) json.WriteNull(name);
        else JsonNumbers.WriteArray(json, name, values);
    }

    private static void WriteStart(Utf8JsonWriter json, string name, Models.ScaleOrVector? start)
    {
        if (start is null) json.WriteNull(name);
        else if (start.Vector is null) JsonNumbers.Write(json, name, start.Scale);
        else JsonNumbers.WriteArray(json, name, start.Vector);
    }

    /// <summary>The theory object, or null where the check was not run (--theory none, or auto above its size).</summary>
    private static void WriteTheory(Utf8JsonWriter json, TheoryCheck? theory, TrainingOptions options)
    {
        if (theory is null)
        {
            json.WriteNull("theory");
            return;
        }
        json.WriteStartObject("theory");
        // Theorems 2.1 and 2.2 are about (S)GD on the data's labels; their checks are left null for other optimisers.
        json.WriteBoolean("theorems_cover_run", options.IsPlainSgd);
        JsonNumbers.Write(json, "theorem22_residual", theory.Theorem22Residual);
        if (theory.PredictedBeta is not null) JsonNumbers.WriteArray(json, "theorem22_beta", theory.PredictedBeta);
        JsonNumbers.Write(json, "distance_to_gradient_flow", theory.DistanceToGradientFlow);
        if (theory.GradientFlowBeta is not null) JsonNumbers.WriteArray(json, "gradient_flow_beta", theory.GradientFlowBeta);
        JsonNumbers.Write(json, "sharpness", theory.Sharpness);
        JsonNumbers.Write(json, "gd_stability_threshold", theory.GdStabilityThreshold);
        JsonNumbers.Write(json, "distance_without_beta_tilde0", theory.Predictions.DistanceWithoutPerturbation);
        JsonNumbers.Write(json, "gain_shape_cosine", theory.Predictions.GainShapeCosine);
        json.WriteEndObject();
    }

    private static void WriteTrajectory(Utf8JsonWriter json, IReadOnlyList<Checkpoint> trajectory)
    {
        json.WriteStartArray("trajectory");
        foreach (var c in trajectory)
        {
            json.WriteStartObject();
            json.WriteNumber("step", c.Step);
            JsonNumbers.Write(json, "train_loss", c.TrainLoss);
            JsonNumbers.Write(json, "test_loss", c.TestLoss);
            JsonNumbers.Write(json, "gain_l1", c.GainL1);
            JsonNumbers.Write(json, "distance_to_beta_star", c.DistanceToBetaStar);
            json.WriteEndObject();
        }
        json.WriteEndArray();
    }

    // config: the command's resolved configuration (TOML that --config reads back), when it has one.
    private static void WriteSpec(Utf8JsonWriter json, ProblemDescription problem, TrainingOptions options, string? config)
    {
        json.WriteStartObject("spec");
        json.WriteString("dln_version", typeof(RunJson).Assembly.GetName().Version?.ToString(3));
        if (config is not null) json.WriteString("config", config);
        json.WriteStartObject("problem");
        if (problem.DataPath is string path) json.WriteString("data", path);
        else WriteGenerator(json, problem.Generator!);
        json.WriteNumber("n", problem.N);
        json.WriteNumber("d", problem.D);
        json.WriteEndObject();

        json.WriteStartObject("training");
        json.WriteString("model", options.Model.ToString());
        // null: the default start (u0 = sqrt(2) alpha, v0 = 0 for uv).
        WriteStart(json, "u0", options.U0);
        WriteStart(json, "v0", options.V0);
        if (options.AlphaVector is null) JsonNumbers.Write(json, "alpha", options.Alpha);
        else JsonNumbers.WriteArray(json, "alpha", options.AlphaVector);
        json.WriteNumber("batch_size", options.BatchSize);
        json.WriteString("stepsize", options.Stepsize.Describe());
        json.WriteString("batch_mode", options.BatchMode.ToString().ToLowerInvariant());
        json.WriteNumber("seed", options.Seed);
        JsonNumbers.Write(json, "label_noise", options.LabelNoise);
        JsonNumbers.Write(json, "momentum", options.Momentum);
        // Heavy ball's effective stepsize lambda = gamma_0 / (1 - M)^2 (gamma_0 itself without momentum).
        JsonNumbers.Write(json, "effective_stepsize", options.EffectiveStepsize);
        JsonNumbers.Write(json, "tolerance", options.Tolerance);
        json.WriteNumber("max_steps", options.MaxSteps);
        JsonNumbers.Write(json, "divergence_factor", options.DivergenceFactor);
        JsonNumbers.Write(json, "bounce_factor", options.BounceFactor);
        json.WriteNumber("loss_check_interval", options.LossCheckInterval);
        json.WriteNumber("checkpoints_per_decade", options.CheckpointsPerDecade);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGenerator(Utf8JsonWriter json, SparseRegressionSpec spec)
    {
        json.WriteString("generator", "sparse-regression");
        json.WriteNumber("s", spec.S);
        json.WriteString("nonzeros", spec.Nonzeros.ToString().ToLowerInvariant());
        JsonNumbers.Write(json, "scale", spec.NonzeroScale);
        json.WriteString("support", spec.Support.ToString().ToLowerInvariant());
        JsonNumbers.Write(json, "noise", spec.Noise);
        JsonNumbers.Write(json, "mean", spec.Mean);
        JsonNumbers.Write(json, "correlation", spec.Correlation);
        json.WriteNumber("n_test", spec.NTest);
        json.WriteNumber("data_seed", spec.Seed);
    }
}
