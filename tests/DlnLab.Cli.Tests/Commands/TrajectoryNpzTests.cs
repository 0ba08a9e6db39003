using System.Text.Json;
using DlnLab.Problems;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln train --trajectory FILE.npz`: the iterates per checkpoint, ending at the printed result.</summary>
public class TrajectoryNpzTests
{
    [Fact]
    public void TheNpzHoldsEveryCheckpointsIterateAndEndsAtTheResult()
    {
        string dir = Directory.CreateTempSubdirectory("dln-npz-").FullName;
        string path = Path.Combine(dir, "t.npz");
        var r = CliRunner.Run(["train", "--batch-size", "n", "--stepsize", "0.05", "--checkpoint-every", "100", "--trajectory", path, "--json"]);
        Assert.True(r.ExitCode == 0, r.Err);
        var json = JsonDocument.Parse(r.Out).RootElement;
        var arrays = NpzReader.Read(path);
        long steps = json.GetProperty("steps").GetInt64();
        var step = arrays["step"].Data;
        Assert.Equal(Enumerable.Range(0, step.Length - 1).Select(i => 100.0 * i), step[..^1]);
        Assert.Equal(steps, step[^1]);
        var beta = arrays["beta"];
        Assert.Equal([step.Length, 30], beta.Shape);
        Assert.Equal([step.Length, 30], arrays["gain"].Shape);
        var finalBeta = json.GetProperty("beta").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(finalBeta, beta.Data[^30..]);
        Assert.Equal(json.GetProperty("train_loss").GetDouble(), arrays["train_loss"].Data[^1]);
        Assert.All(arrays["sharpness"].Data, s => Assert.True(s > 0));
        // The trajectory fields are in the npz, not repeated in the JSON result.
        Assert.False(json.TryGetProperty("trajectory_beta", out _));
    }
}
