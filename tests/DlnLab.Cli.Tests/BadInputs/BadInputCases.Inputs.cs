namespace DlnLab.Cli.Tests.BadInputs;

public static partial class BadInputCases
{
    // The input distribution: --mean any finite number, --correlation in (-1, 1), alike in train, solve, sweep, reproduce and TOML.
    private static IEnumerable<BadInputCase> InputDistribution()
    {
        string[] badMeans = ["abc", "NaN", "Infinity", "-Infinity", "1e400", ""];
        string[] badCorrelations = ["1", "-1", "1.5", "-2", "NaN", "Infinity", "abc", ""];
        foreach (var value in badMeans)
        {
            yield return new(Train("--mean", value), "--mean");
            yield return new(Sweep("--mean", value), "--mean");
        }
        foreach (var value in badCorrelations)
        {
            yield return new(Train("--correlation", value), "--correlation");
            yield return new(Sweep("--correlation", value), "--correlation");
        }
        yield return new(["solve", "--correlation", "1"], "--correlation");
        yield return new(["solve", "--mean", "NaN"], "--mean");
        yield return new(["reproduce", "--out", "{dir}/r", "--correlation", "-1"], "--correlation");
        yield return new(["reproduce", "--out", "{dir}/r", "--mean", "Infinity"], "--mean");
        foreach (var value in new[] { "1.0", "-1.0", "nan", "inf", "\"abc\"", "true" }) yield return Toml("problem.correlation", value);
        foreach (var value in new[] { "nan", "inf", "-inf", "\"abc\"", "true" }) yield return Toml("problem.mean", value);
        yield return new(Train("--data", "{dir}/p.npz", "--mean", "1"), "--mean", Setup: f => f.Text("p.npz", ""), Label: "train --data with --mean");
        // Kept trajectories: checkpoint settings need them, and take only their allowed values.
        yield return new(Sweep("--checkpoint-every", "100"), "--checkpoint-every");
        yield return new(Sweep("--checkpoints-per-decade", "5"), "--checkpoints-per-decade");
        yield return new(Sweep("--keep-trajectories", "--checkpoints-per-decade", "1001"), "--checkpoints-per-decade");
        yield return new(Sweep("--keep-trajectories", "--checkpoint-every", "-1"), "--checkpoint-every");
        yield return new(Train("--checkpoint-every", "-5"), "--checkpoint-every");
        foreach (var value in new[] { "1", "\"yes\"", "[true]" }) yield return Toml("training.keep_trajectories", value);
    }
}
