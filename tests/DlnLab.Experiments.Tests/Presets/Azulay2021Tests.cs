using DlnLab.Experiments.Presets;
using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>azulay2021 on a small grid: the shape moves the bias in the measured direction, through A = s alpha^2.</summary>
public sealed class Azulay2021Tests
{
    private static readonly string[] Small = ["seeds.datasets=2", "training.alpha=[1e-05, 0.0007122485584859921, 0.05072980090653732]", "training.shape=[0.0, 0.5, 0.9]"];

    [Fact]
    public void A_more_balanced_start_is_richer_at_small_alpha_and_the_shape_acts_through_the_effective_scale()
    {
        var run = PresetTestRun.Of(new Azulay2021(), Small);
        Assert.Equal(2 * 3 * 3, run.Result.RunsComputed);
        var points = Azulay2021.Measure(run.Spec, run.Runs, run.Interpolators, 2, default);
        Assert.Equal(2 * 3 * 3, points.Count);
        // Every shape moves towards minimum l1 as alpha falls, on every dataset.
        foreach (double s in (double[])[0, 0.5, 0.9]) Assert.Equal(new Tally(2, 2), Azulay2021.RichAsAlphaFalls(points, s));
        // At the two smaller alphas the smaller shape is closer to minimum l1 on every comparison (2 datasets x 2 pairs each).
        Assert.Equal(new Tally(8, 8), Azulay2021.SmallerShapeIsRicher(points.Where(p => p.Alpha < 0.05).ToList()));
        // Rescaled by sqrt(s), the curves of s = 0.5 and 0.9 lie closer than at the same alpha.
        var atAlpha = Azulay2021.Gap(points, effective: false);
        var atEffective = Azulay2021.Gap(points, effective: true);
        Assert.True(atEffective.Count > 0 && atEffective.Median < atAlpha.Median, $"gaps {atEffective.Median} (effective scale) and {atAlpha.Median} (alpha)");
        // GD at a small stepsize ends near gradient flow's limit from its start (to the precision its tolerance allows).
        var usable = points.Where(p => double.IsFinite(p.RunToFlow)).ToArray();
        Assert.True(usable.Length >= points.Count / 2, $"{usable.Length} usable GD runs of {points.Count}");
        Assert.All(usable, p => Assert.True(p.RunToFlow < 0.05, $"s = {p.Shape}, alpha = {p.Alpha}: GD at {p.RunToFlow} from gradient flow"));
        Assert.True(File.Exists(Path.Combine(run.Directory, "azulay2021-fig2.csv")));
    }
}
