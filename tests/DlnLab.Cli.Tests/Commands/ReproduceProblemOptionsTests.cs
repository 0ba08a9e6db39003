using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln reproduce` takes the problem's settings (n, d, s, the data distribution, the model) as options, as --config keys and as KEY=VALUE overrides.</summary>
public class ReproduceProblemOptionsTests
{
    [Fact]
    public void TheProblemsSettingsReachEverySweep()
    {
        var run = CliRunner.Run("reproduce", "--n", "40", "--d", "100", "--s", "5", "--n-test", "50", "--noise", "0.1",
            "--nonzeros", "rademacher", "--scale", "2", "--support", "random", "--model", "power:2", "--dry-run");
        Assert.True(run.ExitCode == 0, run.Err);
        // The resolved configuration, then each sweep's spec: all with the settings given.
        foreach (string line in (string[])["n = 40", "d = 100", "s = 5", "n_test = 50", "noise = 0.1", "nonzeros = \"rademacher\"", "scale = 2",
                     "support = \"random\"", "model = \"power:2\""])
            Assert.Contains(line + "\n", run.Out);
        int sweeps = run.Out.Split("# sweep ").Length - 1;
        Assert.Equal(5, sweeps);
        foreach (string line in (string[])["n = [40]", "d = [100]", "s = [5]", "noise = [0.1]", "model = [\"power:2\"]"])
            Assert.Equal(sweeps, run.Out.Split(line + "\n").Length - 1);
        // Figure 4's batch sizes end at the new n (GD).
        Assert.Contains("batch_size = [1, 2, 5, 10, 40]\n", run.Out);
    }

    [Fact]
    public void AReproductionRunsOnTheProblemGiven()
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run("reproduce", "fig3", "--n", "12", "--d", "40", "--s", "2", "--noise", "0.01", "--nonzeros", "uniform",
            "--scale", "3", "--datasets", "2", "--max-steps", "20000", "--out", temp.File("o"), "--threads", "2");
        Assert.True(run.ExitCode == 0, run.Err);
        using var store = ResultStore.OpenReadOnly(Path.Combine(temp.File("o"), Reproducer.StoreFile));
        var runs = store.Runs();
        Assert.NotEmpty(runs);
        Assert.All(runs, r => Assert.Equal((12, 40, 2, 0.01, "Uniform", 3.0), (r.N, r.D, r.S, r.Noise, r.Nonzeros, r.NonzeroScale)));
        Assert.All(store.Datasets(), d => Assert.Equal(2, d.BetaStar.Count(b => b != 0)));
        string report = File.ReadAllText(Path.Combine(temp.File("o"), "report.md"));
        Assert.Contains("n = 12, d = 40, s = 2", report);
        Assert.Contains("label noise σ = 0.01; nonzeros of β* ~ U[−3, 3]", report);
    }

    [Theory]
    [InlineData("--n", "0", "dln: error: --n: got 0; must be a positive integer")]
    [InlineData("--d", "-3", "dln: error: --d: got -3;")]
    [InlineData("--s", "31", "dln: error: --s: got 31; must be an integer in [0, d] = [0, 30]")]
    [InlineData("--n-test", "0", "dln: error: --n-test: got 0;")]
    [InlineData("--noise", "-1", "dln: error: --noise: got -1; must be a finite number >= 0")]
    [InlineData("--scale", "0", "dln: error: --scale: got 0; must be a finite number > 0")]
    [InlineData("--nonzeros", "normal", "dln: error: --nonzeros: got normal; must be one of gaussian, rademacher, uniform, constant")]
    [InlineData("--support", "middle", "dln: error: --support: got middle; must be one of random, leading")]
    [InlineData("--model", "power:1", "dln: error: --model: got power:1; must be uv or power:D with D an integer in [2, 64]")]
    [InlineData("problem.nonzeros=normal", null, "dln: error: --nonzeros: got normal; must be one of gaussian, rademacher, uniform, constant")]
    public void ABadSettingIsOneLineNamingTheFieldTheValueAndWhatIsAllowed(string option, string? value, string start)
    {
        using var temp = new TempFolder();
        var run = CliRunner.Run(value is null ? ["reproduce", option, "--out", temp.File("o")] : ["reproduce", option, value, "--out", temp.File("o")]);
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith(start, run.Err);
        Assert.Single(run.Err.Trim().Split('\n'));
        Assert.False(Directory.Exists(temp.File("o")));
    }

    [Fact]
    public void APresetRefusesTheReportsProblemOptions()
    {
        var presets = DlnLab.Experiments.Presets.Presets.Names.ToList();
        if (presets.Count == 0) return;
        var run = CliRunner.Run("reproduce", presets[0], "--d", "100", "--dry-run");
        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("dln: error: --d: got 100; applies to the report's figures, not to a preset", run.Err);
    }
}
