using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Cli.Output;

/// <summary>
/// A run's trajectory with its iterates as a numpy .npz (<see cref="TrajectoryArrays.AddTo"/>): step, train_loss,
/// test_loss, gain_l1, distance_to_beta_star, sharpness (one value per checkpoint, NaN where none exists), beta and gain
/// (checkpoints x d). Written to a temporary name and renamed.
/// </summary>
internal static class TrajectoryNpz
{
    public static void WriteFile(string path, IReadOnlyList<Checkpoint> trajectory)
    {
        var npz = new NpzWriter();
        TrajectoryArrays.AddTo(npz, trajectory);
        npz.Save(path);
    }
}
