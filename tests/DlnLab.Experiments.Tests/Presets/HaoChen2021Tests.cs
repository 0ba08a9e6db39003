using DlnLab.Experiments.Presets;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Tests.Presets;

/// <summary>The haochen2021 preset on a small grid: label-noise GD ends closer to beta* than GD on every dataset.</summary>
public sealed class HaoChen2021Tests
{
    [Fact]
    public void Label_noise_ends_closer_to_beta_star_than_gd_on_every_dataset()
    {
        string dir = TestSweeps.TempDir();
        var preset = Assert.Single(DlnLab.Experiments.Presets.Presets.All.OfType<HaoChen2021>());
        var result = PresetRunner.Run(preset, PresetSize.Quick, dir, threads: 2,
            overrides: ["seeds.datasets=2", "training.label_noise=[0.0, 2.0]", "training.max_steps=20000"]);
        Assert.Equal(4, result.RunsComputed);
        using var store = ResultStore.Open(result.StorePath);
        var curves = LabelNoiseCurves.Of(store.Runs("haochen2021"));
        Assert.Equal(4, curves.Count);
        foreach (var dataset in curves.GroupBy(c => c.DatasetKey))
        {
            var gd = dataset.Single(c => c.Delta == 0);
            var noisy = dataset.Single(c => c.Delta == 2);
            Assert.True(noisy.FinalDistance < gd.FinalDistance, $"label noise {noisy.FinalDistance:G3}, GD {gd.FinalDistance:G3}");
            // GD interpolates (it is on the clean labels), far from beta*; both start at beta0 = 1, ||beta0 - beta*||^2 = 95.
            Assert.True(gd.FinalTrainLoss < 1e-8, $"GD's training loss {gd.FinalTrainLoss:G3}");
            Assert.Equal(95, gd.Distances[0], 1e-9);
        }
        Assert.Contains("closer to β* than GD on 2 of 2 datasets", result.Findings[0]);
        Assert.Contains("as HaoChen et al. find", result.Findings[0]);
        Assert.True(File.Exists(Path.Combine(dir, "haochen2021-fig1.csv")));
        string report = File.ReadAllText(result.Report.MarkdownPath);
        Assert.Contains("Shape matters", report);
    }

    [Fact]
    public void Without_trajectories_nothing_is_compared_and_no_verdict_is_drawn()
    {
        // Runs without kept trajectories have no distances: the count is empty, so no claim either way.
        LabelNoiseCurve Curve(string key, double delta) => new(key, delta, [], [], 0.5);
        var findings = LabelNoiseFindings.Of([Curve("a", 0), Curve("a", 2), Curve("b", 0), Curve("b", 2)]);
        var only = Assert.Single(findings);
        Assert.Contains("nothing is compared", only);
        Assert.DoesNotContain("contrary", only);

        // With distances, the verdict follows the count: here label noise ends farther on both datasets.
        LabelNoiseCurve Ended(string key, double delta, double distance) => new(key, delta, [0, 10], [95, distance], 1e-3);
        var against = LabelNoiseFindings.Of([Ended("a", 0, 1), Ended("a", 2, 3), Ended("b", 0, 1), Ended("b", 2, 4)]);
        Assert.Contains("closer to β* than GD on 0 of 2 datasets", against[0]);
        Assert.Contains("contrary to what HaoChen et al. find.", against[0]);
    }
}
