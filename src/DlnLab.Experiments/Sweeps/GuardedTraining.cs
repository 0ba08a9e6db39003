using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Sweeps;

/// <summary>
/// Trainer.Train for sweeps, where divergence must be a result: a run whose state became NaN can make the core throw
/// ArithmeticException while it reads the effective initialisation off that state (Math.Sign(NaN) in
/// EffectiveInitialization.ScaledSinh). Such a run diverged; it is reported as <see cref="RunStatus.Diverged"/>
/// without a result. Remove this guard once the core returns NaN there instead of throwing.
/// </summary>
internal static class GuardedTraining
{
    /// <summary>The run's result, or null when training diverged to a NaN state that the core could not summarise.</summary>
    public static RunResult? Train(PaddedDesign design, RegressionProblem problem, TrainingOptions options)
    {
        try { return Trainer.Train(design, problem, options); }
        catch (ArithmeticException) { return null; }
    }
}
