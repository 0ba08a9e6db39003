namespace DlnLab.Experiments.Presets;

/// <summary>One run of the haochen2021 sweep: its dataset, label noise, and ||beta_k - beta*||^2 at its checkpoints.</summary>
/// <param name="DatasetKey">The run's dataset.</param>
/// <param name="Delta">Its label noise (0: GD).</param>
/// <param name="Steps">The checkpoints' steps.</param>
/// <param name="Distances">||beta_k - beta*||^2 at each checkpoint.</param>
/// <param name="FinalTrainLoss">The training loss (on the clean labels) at the last step.</param>
internal sealed record LabelNoiseCurve(string DatasetKey, double Delta, double[] Steps, double[] Distances, double FinalTrainLoss)
{
    /// <summary>||beta - beta*||^2 at the last checkpoint (the last step).</summary>
    public double FinalDistance => Distances.Length == 0 ? double.NaN : Distances[^1];
}
