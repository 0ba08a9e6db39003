using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Presets;

/// <summary>
/// One (dataset, depth D, alpha) of the woodworth2020 preset: where the exact gradient-flow interpolator argmin Q_D and
/// the stored GD run lie against the minimum-l1 and minimum-l2 interpolators. Distances are relative
/// (||beta - target|| / ||target||); NaN where the solver did not converge or there is no usable run.
/// </summary>
/// <param name="DatasetKey">The dataset.</param>
/// <param name="Depth">D of beta = w+^D - w-^D.</param>
/// <param name="Alpha">The initialisation w+ = w- = alpha.</param>
/// <param name="FlowToL1">Gradient flow's interpolator against the minimum-l1 one.</param>
/// <param name="FlowToL2">Gradient flow's interpolator against the minimum-l2 one.</param>
/// <param name="FlowTestLoss">Test loss of gradient flow's interpolator.</param>
/// <param name="Run">The GD run of this point (the smallest stepsize stored), or null.</param>
/// <param name="RunToL1">The run's final iterate against the minimum-l1 interpolator (NaN unless usable).</param>
/// <param name="RunToL2">The run's final iterate against the minimum-l2 interpolator (NaN unless usable).</param>
/// <param name="RunToFlow">The run's final iterate against gradient flow's interpolator (NaN unless usable).</param>
internal sealed record DepthRegimePoint(string DatasetKey, int Depth, double Alpha, double FlowToL1, double FlowToL2, double FlowTestLoss,
    StoredRun? Run, double RunToL1, double RunToL2, double RunToFlow);
