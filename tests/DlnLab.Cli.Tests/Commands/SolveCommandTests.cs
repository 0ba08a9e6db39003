using System.Text.Json;

namespace DlnLab.Cli.Tests.Commands;

public class SolveCommandTests
{
    [Fact]
    public void SolveComparesTheThreeInterpolatorsWithBetaStar()
    {
        var run = CliRunner.Run("solve", "--alpha", "1e-6", "--json");
        Assert.Equal(0, run.ExitCode);
        using var doc = JsonDocument.Parse(run.Out);
        var interpolators = doc.RootElement.GetProperty("interpolators");
        foreach (var name in new[] { "gradient_flow", "minimum_l1", "minimum_l2", "beta_star" })
            Assert.Equal(30, interpolators.GetProperty(name).GetProperty("beta").GetArrayLength());
        // Noiseless 3-sparse beta* with n = 20: min-l1 recovers it, and tiny alpha brings gradient flow to min-l1.
        Assert.True(interpolators.GetProperty("minimum_l1").GetProperty("distance_to_beta_star").GetDouble() < 1e-8);
        Assert.True(interpolators.GetProperty("gradient_flow").GetProperty("distance_to_beta_star").GetDouble() < 1e-3);
        Assert.True(interpolators.GetProperty("minimum_l2").GetProperty("distance_to_beta_star").GetDouble() > 1);
        Assert.True(doc.RootElement.GetProperty("minimum_l1_solver").GetProperty("duality_gap").GetDouble() < 1e-8);
    }

    [Fact]
    public void SolvePrintsAReadableTable()
    {
        var run = CliRunner.Run("solve", "--n", "10", "--d", "20", "--s", "2");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("gradient flow", run.Out);
        Assert.Contains("minimum l1", run.Out);
        Assert.Contains("duality gap", run.Out);
    }

    [Theory]
    [InlineData("--alpha", "0")]
    [InlineData("--alpha", "1,2")]
    [InlineData("--d", "-1")]
    public void BadSolveInputIsExitCode2(string option, string value)
    {
        var run = CliRunner.Run("solve", option, value);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error:", run.Err);
    }
}
