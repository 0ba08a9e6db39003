using DlnLab.Experiments.Presets;

namespace DlnLab.Cli.Tests.Commands;

/// <summary>`dln reproduce NAME`: every registered preset plans from its spec files, and the report's options are refused with a preset.</summary>
public sealed class ReproducePresetCommandTests
{
    [Fact]
    public void Every_preset_dry_runs_at_both_sizes_and_creates_nothing()
    {
        using var folder = new TempFolder();
        string dir = Path.Combine(folder.Path, "out");
        foreach (var preset in Presets.All)
        {
            foreach (string[] size in (string[][])[[], ["--full"]])
            {
                var outcome = CliRunner.Run(["reproduce", preset.Name, "--dry-run", "--out", dir, .. size]);
                Assert.True(outcome.ExitCode == 0, outcome.Err);
                Assert.Contains($"# preset {preset.Name}", outcome.Out);
                foreach (var sweep in preset.Sweeps) Assert.Contains($"(presets/{sweep.SpecFile})", outcome.Out);
            }
            Assert.False(Directory.Exists(dir));
        }
    }

    [Fact]
    public void The_report_s_options_and_a_second_name_are_refused_with_a_preset()
    {
        foreach (var preset in Presets.All)
        {
            var alpha = CliRunner.Run("reproduce", preset.Name, "--alpha", "0.1", "--dry-run");
            Assert.Equal(2, alpha.ExitCode);
            Assert.Contains("--alpha: got 0.1; applies to the report's figures, not to a preset", alpha.Err);
            var second = CliRunner.Run("reproduce", preset.Name, "fig1", "--dry-run");
            Assert.Equal(2, second.ExitCode);
            Assert.Contains("takes no figure names", second.Err);
            var wrongKey = CliRunner.Run("reproduce", preset.Name, "training.alhpa=0.1", "--dry-run");
            Assert.Equal(2, wrongKey.ExitCode);
            Assert.Contains("training.alhpa", wrongKey.Err);
        }
    }

    [Fact]
    public void Full_without_a_preset_is_refused_and_an_unknown_name_lists_the_presets()
    {
        var full = CliRunner.Run("reproduce", "--full", "--dry-run");
        Assert.Equal(2, full.ExitCode);
        Assert.Contains("--full: got on; applies to a preset only", full.Err);
        var unknown = CliRunner.Run("reproduce", "nosuch2020", "--dry-run");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("figures: got nosuch2020; must be fig1", unknown.Err);
        Assert.Contains("or one preset: ", unknown.Err);
    }
}
