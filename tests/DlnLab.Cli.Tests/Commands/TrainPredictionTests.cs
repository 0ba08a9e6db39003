using System.Text.Json;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln train` reports the theory's predictions tested on the run (beta0~ dropped, the gain's shape).</summary>
public class TrainPredictionTests
{
    [Fact]
    public void TheJsonCarriesBothPredictionChecksForAConvergedUvRunAndNullForPowerD()
    {
        var uv = CliRunner.Run("train", "--batch-size", "n", "--stepsize", "0.01", "--max-steps", "200000", "--json");
        Assert.True(uv.ExitCode == 0, uv.Err);
        var theory = JsonDocument.Parse(uv.Out).RootElement.GetProperty("theory");
        Assert.Equal("Converged", JsonDocument.Parse(uv.Out).RootElement.GetProperty("status").GetString(), ignoreCase: true);
        Assert.InRange(theory.GetProperty("gain_shape_cosine").GetDouble(), 0.9, 1);
        Assert.InRange(theory.GetProperty("distance_without_beta_tilde0").GetDouble(), 0, 0.05);

        var power = CliRunner.Run("train", "--model", "power:3", "--alpha", "0.3", "--batch-size", "n", "--stepsize", "0.002", "--max-steps", "1000", "--json");
        Assert.True(power.ExitCode == 0, power.Err);
        var none = JsonDocument.Parse(power.Out).RootElement.GetProperty("theory");
        Assert.Equal(JsonValueKind.Null, none.GetProperty("gain_shape_cosine").ValueKind);
        Assert.Equal(JsonValueKind.Null, none.GetProperty("distance_without_beta_tilde0").ValueKind);
    }
}
