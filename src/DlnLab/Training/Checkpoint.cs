namespace DlnLab.Training;

/// <summary>One point of a run's trajectory, recorded at log-spaced steps (and at the last step).</summary>
/// <param name="Step">Number of updates applied so far.</param>
/// <param name="TrainLoss">Full training loss L(beta_k) = 1/(2n) ||X beta_k - y||^2.</param>
/// <param name="TestLoss">Loss on the held-out test set, when there is one.</param>
/// <param name="GainL1">||Gain||_1 accumulated up to this step (NaN for a model without a gain, power:D).</param>
/// <param name="DistanceToBetaStar">||beta_k - beta*||_2, when beta* is known.</param>
public sealed record Checkpoint(long Step, double TrainLoss, double? TestLoss, double GainL1, double? DistanceToBetaStar);
