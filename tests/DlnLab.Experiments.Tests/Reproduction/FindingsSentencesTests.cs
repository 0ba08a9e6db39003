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

    [Fact]
    public void VerdictsFollowTheMeasuredValues()
    {
        var far = With(0.5) with { LargestTheorem22Residual = 0.5 };
        Assert.Contains(far.Sentences(), s => s.Contains("GD and SGD do not both end near the gradient-flow interpolator"));
        Assert.Contains(far.Sentences(), s => s.StartsWith("Theorem 2.2 is not confirmed"));
        var near = With(0.001) with { LargestTheorem22Residual = 0.004 };
        Assert.Contains(near.Sentences(), s => s.Contains("GD and SGD end near the gradient-flow interpolator"));
        Assert.Contains(near.Sentences(), s => s.StartsWith("Theorem 2.2 holds"));
    }
}
