namespace DlnLab.Training;

/// <summary>
/// One point of a run's trajectory, recorded at log-spaced steps, or every <see cref="TrainingOptions.CheckpointEvery"/>
/// steps (and at the last step). With <see cref="TrainingOptions.RecordIterates"/> it also holds the iterate, the gain
/// so far and the sharpness.
/// </summary>
/// <param name="Step">Number of updates applied so far.</param>
/// <param name="TrainLoss">Full training loss L(beta_k) = 1/(2n) ||X beta_k - y||^2.</param>
/// <param name="TestLoss">Loss on the held-out test set, when there is one.</param>
/// <param name="GainL1">||Gain||_1 accumulated up to this step (NaN for a model without a gain, power:D).</param>
/// <param name="DistanceToBetaStar">||beta_k - beta*||_2, when beta* is known.</param>
public sealed record Checkpoint(long Step, double TrainLoss, double? TestLoss, double GainL1, double? DistanceToBetaStar)
{
    /// <summary>beta_k (length d), when the run records iterates; null otherwise.</summary>
    public double[]? Beta { get; init; }

    /// <summary>The gain so far, Gain_k = ln(alpha^2 / alpha_inf,k^2) per coordinate (uv runs recording iterates); null otherwise.</summary>
    public double[]? Gain { get; init; }

    /// <summary>
    /// lambda_max of the Hessian of the training loss in (u, v) at this step (uv runs recording iterates; see
    /// <see cref="Theory.Stability.SharpnessAtIterate"/>); NaN otherwise.
    /// </summary>
    public double Sharpness { get; init; } = double.NaN;
}
