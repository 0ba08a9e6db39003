using DlnLab.Experiments.Sweeps;
using DlnLab.Training;

namespace DlnLab.Experiments.Storage;

/// <summary>
/// What a stored run is made of: its spec and key, the stepsize it ran at, the threshold that stepsize was taken
/// from (relative axes), the training result (null when the run was not trained: no convergent stepsize), the
/// Theorem 2.2 residual, the wall time and the checks of the theory's predictions. Each <see cref="RunColumn"/> reads
/// its value from here.
/// </summary>
internal sealed record RunSource(
    RunSpec Spec, string Key, double Stepsize, double? Threshold, RunResult? Result, double? Residual, double WallSeconds)
{
    /// <summary>The run against the theory's predictions (beta0~ dropped, the gain's shape); null when not computed.</summary>
    public Analysis.PredictionCheck? Predictions { get; init; }
}
