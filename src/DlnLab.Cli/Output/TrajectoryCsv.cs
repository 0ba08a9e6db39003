using System.Globalization;
using DlnLab.Training;

namespace DlnLab.Cli.Output;

/// <summary>
/// A run's trajectory checkpoints as CSV, one row per checkpoint: step,train_loss,test_loss,gain_l1,distance_to_beta_star.
/// Doubles in round-trip invariant form (NaN, Infinity, -Infinity when not finite, which numpy and pandas read);
/// an empty cell where the value does not exist (no test set, beta* unknown).
/// </summary>
internal static class TrajectoryCsv
{
    public const string Header = "step,train_loss,test_loss,gain_l1,distance_to_beta_star";

    public static void Write(TextWriter writer, IReadOnlyList<Checkpoint> trajectory)
    {
        writer.WriteLine(Header);
        foreach (var c in trajectory)
            writer.WriteLine(string.Join(',',
                c.Step.ToString(CultureInfo.InvariantCulture), F(c.TrainLoss), F(c.TestLoss), F(c.GainL1), F(c.DistanceToBetaStar)));
    }

    /// <summary>Writes the file atomically (temporary name, then rename).</summary>
    public static void WriteFile(string path, IReadOnlyList<Checkpoint> trajectory) =>
        AtomicFile.WriteText(path, writer => Write(writer, trajectory));

    private static string F(double? x) => x is double v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
