using DlnLab.Experiments.Reproduction;
using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Tests.Reproduction;

/// <summary>Figures 5 and 6 on a small grid, and the large-stepsize finding's verdict decided by the data.</summary>
public class EdgeAndUncenteredFiguresTests
{
    private static readonly ReproductionSettings Small = new()
    {
        Datasets = 3,
        StepsizeFractions = [0.05, 1],
        ShapeFraction = 1,
    };

    [Fact]
    public void TheEdgeAndUncenteredFiguresComeFromStoredRunsAndReuseTheThresholds()
    {
        string dir = Directory.CreateTempSubdirectory("dln-reproduce-").FullName;
        try
        {
            var result = Reproducer.Run(Small, dir, ["fig1", "fig5", "fig6"]);
            foreach (var name in new[] { "fig5", "fig6" })
                foreach (var ext in new[] { ".png", ".svg", ".csv" })
                    Assert.True(new FileInfo(Path.Combine(dir, name + ext)).Length > 100, name + ext);
            using (var store = ResultStore.Open(Path.Combine(dir, Reproducer.StoreFile)))
            {
                // The edge runs took the stepsize sweep's thresholds (3 datasets x GD, SGD) and added none; the
                // uncentered data have their own (3 x 2).
                Assert.Equal(12, store.Thresholds().Count);
                var edge = store.Runs(EdgeOfStabilityFigure.SweepName);
                Assert.Equal(2, edge.Count);
                foreach (var r in edge)
                {
                    var threshold = store.Runs("stepsize").First(s => s.DataIndex == 0 && s.BatchSize == r.BatchSize).LargestConvergentStepsize;
                    Assert.Equal(EdgeOfStabilityFigure.Fraction * threshold!.Value, r.Stepsize);
                    var steps = (double[])r[RunColumns.TrajectoryStep]!;
                    Assert.Equal(r.Steps, (long)steps[^1]);
                }
                Assert.All(store.Runs(UncenteredFigure.SweepName), r => Assert.Equal(UncenteredFigure.Mean, r.Mean));
            }
            // The CSV of fig5 holds every coordinate and the sharpness of both runs; the report has both sections.
            string csv = File.ReadAllText(Path.Combine(dir, "fig5.csv"));
            Assert.Contains("β_30", csv);
            Assert.Contains("sharpness", csv);
            string report = File.ReadAllText(result.Report.MarkdownPath);
            Assert.Contains("fig5.png", report);
            Assert.Contains("fig6.png", report);
            Assert.Contains("sharpness peaked at", report);
            Assert.Contains("On uncentered inputs (μ = 1)", report);
            var again = Reproducer.Run(Small, dir, ["fig5", "fig6"]);
            Assert.Equal(0, again.RunsComputed);
            Assert.Equal(csv, File.ReadAllText(Path.Combine(dir, "fig5.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void TheLargeStepsizeVerdictFollowsTheData()
    {
        (double, double)[] helps = [(0.5, 0.1), (0.4, 0.2), (0.3, 0.6)];
        (double, double)[] hurts = [(0.1, 0.5), (0.2, 0.4), (0.6, 0.3)];
        string yes = LargeStepsizeFinding.Sentence(helps, hurts, 1, 0);
        Assert.Contains("on 2 of 3 datasets", yes);
        Assert.Contains("large stepsizes help GD here", yes);
        Assert.Contains("below on 1 of 3", yes);
        string no = LargeStepsizeFinding.Sentence(hurts, helps, 1, 0);
        Assert.Contains("on 1 of 3 datasets", no);
        Assert.Contains("do not help GD here, contrary to", no);
        // A tie is no majority: the claim is not supported.
        Assert.Contains("do not help", LargeStepsizeFinding.Sentence([(1, 0.5), (0.5, 1)], [], 1, 0));
        Assert.Contains("not measured", LargeStepsizeFinding.Sentence([], helps, 1, 0));
        Assert.DoesNotContain("NaN", yes + no);
    }
}
