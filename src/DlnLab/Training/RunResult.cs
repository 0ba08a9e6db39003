using DlnLab.Theory;

namespace DlnLab.Training;

/// <summary>The outcome of one (S)GD run: status, final iterate, losses, implicit-bias quantities and trajectory.</summary>
public sealed record RunResult
{
    /// <summary>How the run ended: converged, diverged or out of budget.</summary>
    public required RunStatus Status { get; init; }
    /// <summary>Number of updates applied.</summary>
    public required long Steps { get; init; }
    /// <summary>The final iterate beta (u ⊙ v for uv, w+^D - w-^D for power:D).</summary>
    public required double[] Beta { get; init; }
    /// <summary>Training loss 1/(2n) ||X beta - y||^2 at the final iterate.</summary>
    public required double TrainLoss { get; init; }
    /// <summary>1/(2 n_test) ||X_test beta - y_test||^2, when the problem has a test set.</summary>
    public double? TestLoss { get; init; }
    /// <summary>Exact population loss 1/2 ||beta - beta*||^2 + sigma^2/2 for isotropic Gaussian inputs.</summary>
    public double? PopulationLoss { get; init; }
    /// <summary>||beta - beta*||_2, when beta* is known.</summary>
    public double? DistanceToBetaStar { get; init; }
    /// <summary>
    /// Gain, alpha_inf, alpha_+-, beta0~ of Theorem 2.2, read exactly off the final state of a uv run; null for a model
    /// they do not apply to (power:D).
    /// </summary>
    public EffectiveInitialization? Implicit { get; init; }
    /// <summary>The loss rose above the bounce factor times its running minimum before the run ended (edge of stability).</summary>
    public required bool Bounced { get; init; }
    /// <summary>Largest observed ratio of the loss to its running minimum.</summary>
    public required double MaxLossRise { get; init; }
    /// <summary>Steps at which some |gamma g_i| >= 1, so that a factor 1 -+ gamma g_i changed sign or vanished.</summary>
    public required long SingularSteps { get; init; }
    /// <summary>max over steps and coordinates of |gamma_k g_k,i|.</summary>
    public required double MaxStepGradient { get; init; }
    /// <summary>The options' alpha (length d): the start of the report's uv start and of power:D; with both u0 and v0 given it plays no part.</summary>
    public required double[] Alpha { get; init; }
    /// <summary>Checkpoints at log-spaced steps (<see cref="TrainingOptions.CheckpointsPerDecade"/>), the first and last included.</summary>
    public required IReadOnlyList<Checkpoint> Trajectory { get; init; }

    /// <summary>||Gain||_1; NaN for a model without a gain.</summary>
    public double GainL1 => Implicit?.GainL1 ?? double.NaN;
}
