using DlnLab.Models;

namespace DlnLab.Training;

/// <summary>
/// Everything that defines a training run besides the data: initialisation, batches, stepsizes, stop rules.
/// Defaults follow the report's experiments (alpha = 0.1, loss below 1e-5 or 1e5 steps).
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>The parametrisation of beta (default <c>uv</c>: beta = u ⊙ v).</summary>
    public ModelSpec Model { get; init; } = ModelSpec.Uv;
    /// <summary>For <c>uv</c>: u0 (a scale or a d-vector); null (default) means u0 = sqrt(2) alpha.</summary>
    public ScaleOrVector? U0 { get; init; }
    /// <summary>For <c>uv</c>: v0 (a scale or a d-vector); null (default) means v0 = 0.</summary>
    public ScaleOrVector? V0 { get; init; }
    /// <summary>Uniform initialisation scale alpha > 0 (default 0.1): u0 = sqrt(2) alpha, v0 = 0 unless <see cref="U0"/>/<see cref="V0"/> say otherwise (w±0 = alpha for power:D).</summary>
    public double Alpha { get; init; } = 0.1;
    /// <summary>A per-coordinate initialisation (length d, entries > 0); overrides <see cref="Alpha"/> when set.</summary>
    public double[]? AlphaVector { get; init; }
    /// <summary>Batch size b in [1, n] (default 1: SGD); b = n is GD.</summary>
    public int BatchSize { get; init; } = 1;
    /// <summary>Stepsizes gamma_k (default constant 0.01).</summary>
    public StepsizeSchedule Stepsize { get; init; } = StepsizeSchedule.Constant(0.01);
    /// <summary>How batches are drawn for b &lt; n (default <see cref="BatchMode.Uniform"/>: a fresh random subset each step).</summary>
    public BatchMode BatchMode { get; init; } = BatchMode.Uniform;
    /// <summary>Seed of the batch sequence (the data have their own seed); the label noise has its own stream derived from it.</summary>
    public ulong Seed { get; init; } = 1;
    /// <summary>
    /// Label-noise SGD: the standard deviation delta >= 0 of the fresh Gaussian noise added to each label of the batch at
    /// every step (default 0: plain SGD, the same bits as a run without the option).
    /// </summary>
    public double LabelNoise { get; init; }
    /// <summary>
    /// Heavy-ball momentum M in [0, 1) on the textbook parameters (<see cref="HeavyBall"/>; default 0: none, the same
    /// bits as a run without the option). Such runs have no uv read-out (gain, alpha_inf): the update is not the
    /// multiplicative one that defines them.
    /// </summary>
    public double Momentum { get; init; }

    /// <summary>lambda = gamma_0 / (1 - M)^2, the effective stepsize of heavy-ball momentum (gamma_0 without momentum).</summary>
    public double EffectiveStepsize => HeavyBall.EffectiveStepsize(Stepsize.Initial, Momentum);
    /// <summary>Stop as converged once the training loss is at or below this (default 1e-5).</summary>
    public double Tolerance { get; init; } = 1e-5;
    /// <summary>Step budget (default 100000).</summary>
    public long MaxSteps { get; init; } = 100_000;
    /// <summary>Diverged once the loss exceeds this factor times the initial loss (default 1e8), or is not finite.</summary>
    public double DivergenceFactor { get; init; } = 1e8;
    /// <summary>A run "bounced" (edge of stability) if its loss rose above this factor times its running minimum (default 2).</summary>
    public double BounceFactor { get; init; } = 2;
    /// <summary>For b &lt; n, steps between full training-loss evaluations; 0 (default) means 16 ceil(n / b).</summary>
    public int LossCheckInterval { get; init; }
    /// <summary>Trajectory checkpoints per decade of steps (default 10; 0 records only the first and last).</summary>
    public int CheckpointsPerDecade { get; init; } = 10;

    /// <summary>Record a checkpoint every this many steps instead of log-spaced ones (default 0: log-spaced, <see cref="CheckpointsPerDecade"/>).</summary>
    public long CheckpointEvery { get; init; }
    /// <summary>
    /// Checkpoints also hold beta_k, the gain so far and the sharpness (<see cref="Checkpoint.Beta"/>,
    /// <see cref="Checkpoint.Gain"/>, <see cref="Checkpoint.Sharpness"/>; default false). Changes no bit of the run.
    /// </summary>
    public bool RecordIterates { get; init; }

    /// <summary>
    /// Whether the run is plain (S)GD on the data's labels, the algorithm of Theorems 2.1 and 2.2 (no label noise, no
    /// momentum; the theory checks of those theorems are made for such runs only).
    /// </summary>
    public bool IsPlainSgd => LabelNoise == 0 && Momentum == 0;

    /// <summary>The most trajectory checkpoints per decade a run may ask for.</summary>
    public const int MaxCheckpointsPerDecade = 1000;

    /// <summary>The initialisation vector alpha for dimension d.</summary>
    public double[] AlphaFor(int d)
    {
        if (AlphaVector is null) return Enumerable.Repeat(Alpha, d).ToArray();
        return (double[])AlphaVector.Clone();
    }

    /// <summary>Throws <see cref="InvalidInputException"/> naming the first bad field, for a problem with n samples and d features.</summary>
    public TrainingOptions Validated(int n, int d)
    {
        if (AlphaVector is null) Check.Positive("alpha", Alpha);
        else
        {
            if (AlphaVector.Length != d) throw new InvalidInputException("alpha", $"has {AlphaVector.Length} entries but d = {d}; they must match");
            Check.AllPositive("alpha", AlphaVector);
        }
        if (Model.Kind != ModelKind.Uv && (U0 is not null || V0 is not null))
            throw new InvalidInputException(U0 is not null ? "u0" : "v0", $"applies to the uv model only; {Model} starts from w+ = w- = alpha");
        U0?.Validated("u0", d);
        V0?.Validated("v0", d);
        Check.InRange("batch-size", BatchSize, 1, n);
        Check.Positive("stepsize", Stepsize.Initial);
        Check.NonNegative("label-noise", LabelNoise);
        if (!(Momentum >= 0 && Momentum < 1)) throw new InvalidInputException("momentum", Momentum, HeavyBall.MomentumAllowed);
        Check.NonNegative("tolerance", Tolerance);
        Check.Positive("max-steps", MaxSteps);
        if (!(DivergenceFactor > 1 && double.IsFinite(DivergenceFactor))) throw new InvalidInputException("divergence-factor", DivergenceFactor, "must be a finite number > 1");
        if (!(BounceFactor > 1 && double.IsFinite(BounceFactor))) throw new InvalidInputException("bounce-factor", BounceFactor, "must be a finite number > 1");
        if (LossCheckInterval < 0) throw new InvalidInputException("loss-check-interval", LossCheckInterval, "must be >= 0 (0: automatic)");
        // Each checkpoint costs a full loss evaluation: more than a thousand per decade only slows a run down.
        Check.InRange("checkpoints-per-decade", CheckpointsPerDecade, 0, MaxCheckpointsPerDecade);
        if (CheckpointEvery < 0) throw new InvalidInputException("checkpoint-every", CheckpointEvery, "must be >= 0 (0: log-spaced checkpoints)");
        return this;
    }
}
