using DlnLab.Problems;

namespace DlnLab.Training;

/// <summary>
/// A run's recorded iterates as arrays (checkpoints x d for beta and the gain, one value per checkpoint for the rest):
/// the checkpoints that hold an iterate (<see cref="TrainingOptions.RecordIterates"/>), in step order. Steps are exact
/// as doubles up to 2^53. A missing gain (power:D) is NaN.
/// </summary>
public sealed record TrajectoryArrays
{
    /// <summary>Checkpoints C.</summary>
    public required int Count { get; init; }
    /// <summary>Coordinates d (0 when no checkpoint holds an iterate).</summary>
    public required int D { get; init; }
    /// <summary>The step of each checkpoint (length C).</summary>
    public required double[] Step { get; init; }
    /// <summary>The training loss at each checkpoint (length C).</summary>
    public required double[] TrainLoss { get; init; }
    /// <summary>The sharpness at each checkpoint (length C; NaN without a read-out).</summary>
    public required double[] Sharpness { get; init; }
    /// <summary>beta_k, C x d row-major.</summary>
    public required double[] Beta { get; init; }
    /// <summary>The gain so far, C x d row-major.</summary>
    public required double[] Gain { get; init; }

    /// <summary>No recorded iterate.</summary>
    public static TrajectoryArrays Empty { get; } = new() { Count = 0, D = 0, Step = [], TrainLoss = [], Sharpness = [], Beta = [], Gain = [] };

    /// <summary>The arrays of the checkpoints of <paramref name="trajectory"/> that hold an iterate.</summary>
    public static TrajectoryArrays From(IReadOnlyList<Checkpoint> trajectory) => Of(WithIterate(trajectory));

    // The checkpoints that hold an iterate, in step order.
    private static Checkpoint[] WithIterate(IReadOnlyList<Checkpoint> trajectory) => trajectory.Where(c => c.Beta is not null).ToArray();

    private static TrajectoryArrays Of(Checkpoint[] points)
    {
        if (points.Length == 0) return Empty;
        int d = points[0].Beta!.Length, count = points.Length;
        var beta = new double[count * d];
        var gain = new double[count * d];
        for (int c = 0; c < count; c++)
        {
            points[c].Beta!.CopyTo(beta, c * d);
            if (points[c].Gain is { } g) g.CopyTo(gain, c * d);
            else Array.Fill(gain, double.NaN, c * d, d);
        }
        return new TrajectoryArrays
        {
            Count = count, D = d, Beta = beta, Gain = gain,
            Step = points.Select(c => (double)c.Step).ToArray(),
            TrainLoss = points.Select(c => c.TrainLoss).ToArray(),
            Sharpness = points.Select(c => c.Sharpness).ToArray(),
        };
    }

    /// <summary>
    /// Adds the arrays of a whole trajectory to an npz: step, train_loss, test_loss, gain_l1, distance_to_beta_star,
    /// sharpness (length C), beta and gain (C x d); NaN where a value does not exist.
    /// </summary>
    public static void AddTo(NpzWriter npz, IReadOnlyList<Checkpoint> trajectory)
    {
        var points = WithIterate(trajectory);
        var arrays = Of(points);
        npz.Add("step", points.Select(c => c.Step).ToArray());
        npz.Add("train_loss", arrays.TrainLoss);
        npz.Add("test_loss", points.Select(c => c.TestLoss ?? double.NaN).ToArray());
        npz.Add("gain_l1", points.Select(c => c.GainL1).ToArray());
        npz.Add("distance_to_beta_star", points.Select(c => c.DistanceToBetaStar ?? double.NaN).ToArray());
        npz.Add("sharpness", arrays.Sharpness);
        npz.Add("beta", arrays.Beta, arrays.Count, arrays.D);
        npz.Add("gain", arrays.Gain, arrays.Count, arrays.D);
    }
}
