using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Tests.Reproduction;

/// <summary>The report's findings, reproduced on a small grid (4 datasets, two relative stepsizes).</summary>
public class QualitativeFindingsTests
{
    private static readonly ReproductionSettings Small = new()
    {
        Datasets = 4,
        StepsizeFractions = [0.05, 1],
        ShapeFraction = 1,
        BatchSizes = [1, 5, 20],
        BatchSizeFractions = [0.5, 1],
    };

    [Fact]
    public void SmallStepsizesReachGradientFlowAndAtTheEdgeSgdBeatsGdWithAUniformGain()
    {
        string dir = Directory.CreateTempSubdirectory("dln-reproduce-").FullName;
        try
        {
            var result = Reproducer.Run(Small, dir, ["fig1", "fig2", "fig3"]);
            var f = result.Findings!;
            // Small stepsizes: both end within 2% of the gradient-flow interpolator.
            Assert.InRange(f.GdDistanceToGradientFlowAtSmallest, 0, 0.02);
            Assert.InRange(f.SgdDistanceToGradientFlowAtSmallest, 0, 0.02);
            // At the largest convergent stepsizes SGD's test loss is well below GD's.
            Assert.True(f.SgdTestLossAtLargest < 0.1 * f.GdTestLossAtLargest, $"SGD {f.SgdTestLossAtLargest} vs GD {f.GdTestLossAtLargest}");
            // GD's gain is larger on the support of beta* than off it; SGD's is nearly uniform.
            Assert.True(f.GdGainSupportRatio > 2, $"GD support ratio {f.GdGainSupportRatio}");
            Assert.InRange(f.SgdGainSupportRatio, 0.5, 2);
            Assert.True(f.GdGainSupportRatio > 1.5 * f.SgdGainSupportRatio);
            // Theorem 2.2 on every converged run, to the precision the 1e-5 loss tolerance allows.
            Assert.InRange(f.LargestTheorem22Residual!.Value, 0, 0.02);

            foreach (var name in new[] { "fig1", "fig2", "fig3" })
                foreach (var ext in new[] { ".png", ".svg", ".csv" })
                    Assert.True(new FileInfo(Path.Combine(dir, name + ext)).Length > 100, name + ext);
            Assert.False(File.Exists(Path.Combine(dir, "fig4.png")));
            // fig2 draws the gain's shape at the smallest fraction and at the edge as medians with quartile bands: a
            // non-negative quantity whose band never goes below zero (mean - sd did).
            var fig2 = File.ReadAllLines(Path.Combine(dir, "fig2.csv")).Skip(1).Select(l => l.Split(',')).Where(r => r[2] == "point").ToArray();
            Assert.Equal(5, fig2.Select(r => r[0]).Distinct().Count());
            Assert.All(fig2, r => Assert.True(double.Parse(r[5], System.Globalization.CultureInfo.InvariantCulture) >= 0, string.Join(",", r)));
            string report = File.ReadAllText(result.Report.MarkdownPath);
            Assert.Contains("fig1.png", report);
            Assert.Contains("Theorem 2.2", report);

            // Running again resumes from the store: nothing is recomputed and the figures' numbers are the same.
            string csv = File.ReadAllText(Path.Combine(dir, "fig1.csv"));
            var again = Reproducer.Run(Small, dir, ["fig1"]);
            Assert.Equal(0, again.RunsComputed);
            Assert.Equal(csv, File.ReadAllText(Path.Combine(dir, "fig1.csv")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BatchSizeFigureMovesFromSgdToGd()
    {
        string dir = Directory.CreateTempSubdirectory("dln-reproduce-").FullName;
        try
        {
            var result = Reproducer.Run(Small, dir, ["fig4"]);
            Assert.Null(result.Findings);
            var rows = File.ReadAllLines(Path.Combine(dir, "fig4.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
            // Test loss at gamma = gamma_max: b = 1 is far below b = 20 (GD).
            var atEdge = rows.Where(r => r[1].Contains("γ = 1 γ_max") && r[2] == "point").ToDictionary(r => double.Parse(r[3], System.Globalization.CultureInfo.InvariantCulture), r => double.Parse(r[4], System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(atEdge[1] < 0.1 * atEdge[20], $"b = 1: {atEdge[1]}, b = 20: {atEdge[20]}");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void BadSettingsAreRejectedBeforeAnythingRuns()
    {
        string dir = Path.Combine(Path.GetTempPath(), "dln-reproduce-never-" + Guid.NewGuid().ToString("N"));
        Assert.Throws<InvalidInputException>(() => Reproducer.Run(Small with { Datasets = 0 }, dir, ["fig1"]));
        Assert.Throws<InvalidInputException>(() => Reproducer.Run(Small, dir, ["fig9"]));
        Assert.False(Directory.Exists(dir));
    }
}
