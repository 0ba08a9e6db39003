using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Tests.Reproduction;

public class FindingsSentencesTests
{
    private static Findings With(double value) => new()
    {
        GdLargestConvergentStepsize = 0.07, SgdLargestConvergentStepsize = value, SmallestFraction = 0.05,
        GdDistanceToGradientFlowAtSmallest = value, SgdDistanceToGradientFlowAtSmallest = 0.002, Tolerance = 1e-5,
        LargestFraction = 1, GdTestLossAtLargest = value, SgdTestLossAtLargest = 2e-5, GdGainSupportRatio = value,
        SgdGainSupportRatio = 1.4, LargestTheorem22Residual = null, Runs = 10, ConvergedRuns = 0,
    };

    [Fact]
    public void AnUnmeasuredValueIsSaidNotPrintedAsNaN()
    {
        var sentences = With(double.NaN).Sentences();
        Assert.DoesNotContain(sentences, s => s.Contains("NaN"));
        Assert.Contains(sentences, s => s.Contains("median relative distance not measured (GD) and 0.002 (SGD)"));
        Assert.Contains(sentences, s => s.StartsWith("A value not measured had no run to measure it on"));
    }

    [Fact]
    public void MeasuredValuesAreNumbersAndNeedNoNote()
    {
        var sentences = With(0.5).Sentences();
        Assert.DoesNotContain(sentences, s => s.Contains("not measured"));
        Assert.Contains(sentences, s => s.Contains("median relative distance 0.5 (GD) and 0.002 (SGD)"));
    }
}
