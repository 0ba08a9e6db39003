using DlnLab.Experiments.Presets;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>nacson2022 on a small grid: large stepsizes move GD towards minimum l1 on uncentered inputs, not on centered ones.</summary>
public sealed class Nacson2022Tests
{
    private static readonly string[] Small = ["seeds.datasets=3", "training.alpha=[0.1, 1.0]", "stepsize.relative=[0.05, 0.9]"];

    [Fact]
    public void Large_stepsizes_move_gd_towards_minimum_l1_on_uncentered_inputs_and_not_on_centered_ones()
    {
        var preset = new Nacson2022();
        var uncentered = PresetTestRun.Of(preset, Small, sweep: 0);
        Assert.Equal(2 * (3 * 2 * 2), uncentered.Result.RunsComputed);
        var centered = uncentered.Sweep(preset, Small, 1);
        Assert.Equal(1.0, uncentered.Spec.Mean);
        Assert.Equal(0.0, centered.Spec.Mean);
        double ToL1(PresetTestRun run, DlnLab.Experiments.Storage.StoredRun r) => run.Interpolators[r.DatasetKey].ToMinimumL1(r.Beta);

        var onUncentered = Nacson2022.LargeStepsizeLower(uncentered.Runs, r => ToL1(uncentered, r));
        var onCentered = Nacson2022.LargeStepsizeLower(centered.Runs, r => ToL1(centered, r));
        Assert.True(onUncentered.Tally.Of >= 4 && onCentered.Tally.Of >= 4, $"compared: {onUncentered.Tally}, {onCentered.Tally}");
        Assert.True(onUncentered.Tally.Majority, $"uncentered: lower at the large stepsize on {onUncentered.Tally}");
        Assert.False(onCentered.Tally.Majority, $"centered: lower at the large stepsize on {onCentered.Tally}");
        Assert.True(onUncentered.Large < onUncentered.Small && onCentered.Large > onCentered.Small);
        Assert.Contains(uncentered.Result.Findings, f => f.Contains("and not on centered ones, as Nacson et al. (2022) find", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(uncentered.Directory, "nacson2022-fig1.csv")));
    }
}
