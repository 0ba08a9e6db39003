using System.Globalization;
using System.Text;
using DlnLab.Analysis;
using DlnLab.Models;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Native;

/// <summary>
/// What a run handle holds: the run's result, the options it was trained with, the wall time of the training itself,
/// and the theory check when one was asked for. <see cref="Header"/> and <see cref="Read"/> lay it out for the caller
/// (the layout of dlnlab.h, which python/dlnlab/_native.py mirrors).
/// </summary>
internal sealed class TrainedRun(RunResult result, TrainingOptions options, double wallSeconds)
{
    /// <summary>Slots of the header (int64).</summary>
    public const int HeaderLength = 11;
    /// <summary>Scalars: train_loss, test_loss, population_loss, distance_to_beta_star, gain_l1, max_loss_rise,
    /// max_step_gradient, theorem22_residual, distance_to_gradient_flow, sharpness, gd_stability_threshold,
    /// distance_without_beta_tilde0, gain_shape_cosine, wall_seconds, steps_per_second.</summary>
    public const int RealCount = 15;
    /// <summary>d-vectors: beta, gain, ln_alpha_inf_squared, beta_tilde0, alpha_inf, delta, alpha, theorem22_beta, gradient_flow_beta.</summary>
    public const int VectorCount = 9;
    /// <summary>Values per trajectory checkpoint besides its step: train_loss, test_loss, gain_l1, distance_to_beta_star, sharpness.</summary>
    public const int CheckpointValues = 5;

    public RunResult Result { get; } = result;
    public TrainingOptions Options { get; } = options;
    public TheoryCheck? Theory { get; set; }
    /// <summary>What of the theory was computed: 0 nothing, 1 the Theorem 2.2 residual, 2 the whole check.</summary>
    public int TheoryLevel { get; set; }

    /// <summary>Bytes of the spec text.</summary>
    public int SpecLength => Spec().Length;

    private byte[]? spec;

    /// <summary>
    /// header[0..10]: status (0 converged, 1 budget, 2 diverged, 3 oscillating), steps, singular_steps, bounced (0/1), d,
    /// trajectory checkpoints, the mask of present scalars (bit i: scalar i is not null), the mask of present vectors,
    /// the length in bytes of the spec text, what of the theory was computed (<see cref="TheoryLevel"/>), whether the
    /// checkpoints hold the iterates (0/1: <see cref="ReadIterates"/>).
    /// </summary>
    public void Header(Span<long> header)
    {
        var reals = Reals();
        var vectors = Vectors();
        long realMask = 0, vectorMask = 0;
        for (int i = 0; i < reals.Length; i++) if (reals[i] is not null) realMask |= 1L << i;
        for (int i = 0; i < vectors.Length; i++) if (vectors[i] is not null) vectorMask |= 1L << i;
        header[0] = (long)Result.Status;
        header[1] = Result.Steps;
        header[2] = Result.SingularSteps;
        header[3] = Result.Bounced ? 1 : 0;
        header[4] = Result.Beta.Length;
        header[5] = Result.Trajectory.Count;
        header[6] = realMask;
        header[7] = vectorMask;
        header[8] = Spec().Length;
        header[9] = TheoryLevel;
        header[10] = Options.RecordIterates ? 1 : 0;
    }

    /// <summary>
    /// The iterates of a run trained with <see cref="TrainingOptions.RecordIterates"/>: beta_k and the gain so far
    /// (checkpoints x d each, row-major; NaN rows where a checkpoint lacks one, e.g. the gain of power:D). Either may be empty.
    /// </summary>
    public void ReadIterates(Span<double> beta, Span<double> gain)
    {
        int d = Result.Beta.Length;
        for (int k = 0; k < Result.Trajectory.Count; k++)
        {
            var c = Result.Trajectory[k];
            if (!beta.IsEmpty) Row(c.Beta, beta.Slice(k * d, d));
            if (!gain.IsEmpty) Row(c.Gain, gain.Slice(k * d, d));
        }
    }

    private static void Row(double[]? values, Span<double> row)
    {
        if (values is not null) values.CopyTo(row);
        else row.Fill(double.NaN);
    }

    /// <summary>
    /// Fills the caller's buffers: <paramref name="reals"/> (<see cref="RealCount"/>; NaN where null), <paramref name="vectors"/>
    /// (<see cref="VectorCount"/> x d, row-major; NaN rows where absent), the trajectory's steps and values
    /// (checkpoints x <see cref="CheckpointValues"/>; NaN where null) and the spec text (its header length). Any may be empty.
    /// </summary>
    public void Read(Span<double> reals, Span<double> vectors, Span<long> steps, Span<double> checkpoints, Span<byte> specText)
    {
        var r = Reals();
        if (!reals.IsEmpty) for (int i = 0; i < RealCount; i++) reals[i] = r[i] ?? double.NaN;
        if (!vectors.IsEmpty)
        {
            var v = Vectors();
            int d = Result.Beta.Length;
            for (int i = 0; i < VectorCount; i++)
            {
                var row = vectors.Slice(i * d, d);
                if (v[i] is { } values) values.CopyTo(row);
                else row.Fill(double.NaN);
            }
        }
        for (int k = 0; k < Result.Trajectory.Count; k++)
        {
            var c = Result.Trajectory[k];
            if (!steps.IsEmpty) steps[k] = c.Step;
            if (checkpoints.IsEmpty) continue;
            var row = checkpoints.Slice(k * CheckpointValues, CheckpointValues);
            row[0] = c.TrainLoss;
            row[1] = c.TestLoss ?? double.NaN;
            row[2] = c.GainL1;
            row[3] = c.DistanceToBetaStar ?? double.NaN;
            row[4] = c.Sharpness;
        }
        if (!specText.IsEmpty) Spec().CopyTo(specText);
    }

    // Laid out once, on first read (the theory is set before a handle is handed out).
    private double?[]? reals;
    private double[]?[]? vectors;

    private double?[] Reals() => reals ??=
    [
        Result.TrainLoss, Result.TestLoss, Result.PopulationLoss, Result.DistanceToBetaStar, Result.GainL1, Result.MaxLossRise,
        Result.MaxStepGradient, Theory?.Theorem22Residual, Theory?.DistanceToGradientFlow, Theory?.Sharpness,
        Theory?.GdStabilityThreshold, Theory?.Predictions.DistanceWithoutPerturbation, Theory?.Predictions.GainShapeCosine, WallSeconds, WallSeconds > 0 ? Result.Steps / WallSeconds : double.PositiveInfinity,
    ];

    private double WallSeconds { get; } = wallSeconds;

    private double[]?[] Vectors() => vectors ??=
    [
        Result.Beta, Result.Implicit?.Gain, Result.Implicit?.LnAlphaInfSquared, Result.Implicit?.BetaTilde0,
        Result.Implicit?.AlphaInf(), Result.Implicit?.Delta, Result.Alpha, Theory?.PredictedBeta, Theory?.GradientFlowBeta,
    ];

    /// <summary>
    /// The options the run was trained with, as <c>key=value</c> lines under the names of <c>dln train --json</c>'s
    /// "training" object (batch_size resolved, stepsize as its schedule's text, u0/v0 "null" for the default start).
    /// </summary>
    private byte[] Spec() => spec ??= Encoding.UTF8.GetBytes(SpecLines(Options));

    private static string SpecLines(TrainingOptions o)
    {
        var text = new StringBuilder();
        void Line(string key, string value) => text.Append(key).Append('=').Append(value).Append('\n');
        Line("model", o.Model.ToString());
        Line("u0", Start(o.U0));
        Line("v0", Start(o.V0));
        Line("alpha", o.AlphaVector is null ? F(o.Alpha) : string.Join(',', o.AlphaVector.Select(F)));
        Line("batch_size", o.BatchSize.ToString(CultureInfo.InvariantCulture));
        Line("stepsize", o.Stepsize.Describe());
        Line("batch_mode", o.BatchMode.ToString().ToLowerInvariant());
        Line("seed", o.Seed.ToString(CultureInfo.InvariantCulture));
        Line("label_noise", F(o.LabelNoise));
        Line("momentum", F(o.Momentum));
        Line("effective_stepsize", F(o.EffectiveStepsize));
        Line("tolerance", F(o.Tolerance));
        Line("max_steps", o.MaxSteps.ToString(CultureInfo.InvariantCulture));
        Line("divergence_factor", F(o.DivergenceFactor));
        Line("bounce_factor", F(o.BounceFactor));
        Line("loss_check_interval", o.LossCheckInterval.ToString(CultureInfo.InvariantCulture));
        Line("checkpoints_per_decade", o.CheckpointsPerDecade.ToString(CultureInfo.InvariantCulture));
        Line("checkpoint_every", o.CheckpointEvery.ToString(CultureInfo.InvariantCulture));
        return text.ToString();
    }

    private static string Start(ScaleOrVector? start) =>
        start is null ? "null" : start.Vector is null ? F(start.Scale) : string.Join(',', start.Vector.Select(F));

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);
}
