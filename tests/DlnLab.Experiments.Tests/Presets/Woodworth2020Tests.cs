using DlnLab.Experiments.Presets;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>woodworth2020 on a small grid: the kernel-to-rich transition in the measured direction, for every depth.</summary>
public sealed class Woodworth2020Tests
{
    private static readonly string[] Small = ["seeds.datasets=2", "training.alpha=[1e-3, 0.03, 0.5]", "training.max_steps=3000"];

    [Fact]
    public void Distance_to_minimum_l1_falls_as_alpha_falls_for_every_depth_and_gd_agrees_with_gradient_flow()
    {
        var run = PresetTestRun.Of(new Woodworth2020(), Small);
        Assert.Equal(2 * 3 * 3, run.Result.RunsComputed);
        var points = Woodworth2020.Measure(run.Spec, run.Runs, run.Interpolators, 2, default);
        Assert.Equal(2 * 3 * 3, points.Count);
        foreach (int depth in (int[])[2, 3, 4])
        {
            // The measured direction: towards minimum l1 as alpha falls, towards minimum l2 as it grows, on every dataset.
            Assert.Equal(new DlnLab.Experiments.Reproduction.Tally(2, 2), Woodworth2020.RichAsAlphaFalls(points, depth));
            Assert.Equal(new DlnLab.Experiments.Reproduction.Tally(2, 2), Woodworth2020.KernelAsAlphaGrows(points, depth));
        }
        // Small-stepsize GD ends near gradient flow's exact limit where it converged (the kernel end at least).
        var usable = points.Where(p => double.IsFinite(p.RunToFlow)).ToArray();
        Assert.Contains(usable, p => p.Alpha == 0.5 && p.Depth == 4);
        Assert.All(usable, p => Assert.True(p.RunToFlow < 0.1, $"D = {p.Depth}, alpha = {p.Alpha}: GD at {p.RunToFlow} from gradient flow"));
        Assert.Contains(run.Result.Findings, f => f.Contains("holds for every D", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run.Directory, "woodworth2020-fig1.csv")));
        Assert.True(File.Exists(Path.Combine(run.Directory, "woodworth2020-fig2.csv")));
    }
}
