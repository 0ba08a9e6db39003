using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// One (dataset, shape s, alpha) of the azulay2021 preset: where the exact gradient-flow limit from
/// u0 = alpha sqrt(1 + s), v0 = alpha sqrt(1 - s) and the stored GD run lie against the minimum-l1 interpolator.
/// Distances are relative (||beta - target|| / ||target||); NaN where a solver did not converge or the run is not usable.
/// </summary>
/// <param name="DatasetKey">The dataset.</param>
/// <param name="Shape">The shape s.</param>
/// <param name="Alpha">The scale alpha: (u0^2 + v0^2) / 2 = alpha^2.</param>
/// <param name="FlowToL1">Gradient flow's limit against the minimum-l1 interpolator.</param>
/// <param name="FlowTestLoss">Test loss of gradient flow's limit.</param>
/// <param name="Run">The GD run of this point (the smallest stepsize stored), or null.</param>
/// <param name="RunToL1">The run's final iterate against the minimum-l1 interpolator (NaN unless usable).</param>
/// <param name="RunToFlow">The run's final iterate against gradient flow's limit (NaN unless usable).</param>
internal sealed record ShapePoint(string DatasetKey, double Shape, double Alpha, double FlowToL1, double FlowTestLoss,
    StoredRun? Run, double RunToL1, double RunToFlow)
{
    /// <summary>sqrt(A) = alpha sqrt(|s|), the scale the limit's potential psi_A sees (A = |u0^2 - v0^2| / 2).</summary>
    public double EffectiveScale => Alpha * Math.Sqrt(Math.Abs(Shape));
}
