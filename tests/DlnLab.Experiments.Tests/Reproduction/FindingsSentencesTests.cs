using DlnLab.Experiments.Reproduction;

namespace DlnLab.Experiments.Tests.Reproduction;

public class FindingsSentencesTests
{
    private static Findings With(double value, Tally count) => new()
    {
        GdLargestConvergentStepsize = 0.07, SgdLargestConvergentStepsize = value, SmallestFraction = 0.05,
        GdDistanceToGradientFlowAtSmallest = value, SgdDistanceToGradientFlowAtSmallest = 0.002, Tolerance = 1e-5,
        LargestFraction = 1, GdTestLossAtLargest = value, SgdTestLossAtLargest = 2e-5, GdGainSupportRatio = value,
        SgdGainSupportRatio = 1.4, LargestTheorem22Residual = null, Runs = 10, ConvergedRuns = 0,
        GdNearGradientFlow = count, SgdNearGradientFlow = count, SgdTestLossBelowGd = count, SgdCloserToBetaStar = count,
        GdDistanceToBetaStarAtLargest = value, SgdDistanceToBetaStarAtLargest = 0.01, GdGainSupportRatioAtSmallest = value,
        SgdGainSupportRatioAtSmallest = 1.2, GdSupportRatioAboveSgd = count, GdSupportRatioAboveSgdAtSmallest = count, GdScaleGrows = count, SgdScaleGrows = count,
    };

    [Fact]
    public void AnUnmeasuredValueIsSaidNotPrintedAsNaN()
    {
        var sentences = With(double.NaN, new Tally(0, 0)).Sentences();
        Assert.DoesNotContain(sentences, s => s.Contains("NaN"));
        Assert.Contains(sentences, s => s.Contains("median relative distances not measured and 0.002"));
        Assert.Contains(sentences, s => s.StartsWith("A value not measured had no run to measure it on"));
    }

    [Fact]
    public void MeasuredValuesAreNumbersWithTheirCounts()
    {
        var sentences = With(0.5, new Tally(20, 20)).Sentences();
        Assert.DoesNotContain(sentences, s => s.Contains("not measured"));
        Assert.Contains(sentences, s => s.Contains("median relative distances 0.5 and 0.002"));
        Assert.Contains(sentences, s => s.Contains("SGD's test loss is below GD's on 20 of 20 datasets (medians 2E-05 and 0.5)"));
    }

    [Theory]
    [InlineData("SGD's test loss is below GD's", "the report's claim that SGD generalises better there")]
    [InlineData("SGD ends closer to beta* than GD", "the report's claim that SGD recovers beta* where GD fails")]
    [InlineData("GD's factor exceeds SGD's", "the report's claim that GD's gain is heterogeneous and SGD's homogeneous")]
    [InlineData("‖Gain‖₁ is larger at the largest convergent stepsize", "the report's claim that the gain grows with the stepsize")]
    [InlineData("GD ends within 0.1 relative distance", "the report's claim that both stay close to gradient flow at small stepsizes")]
    public void EachFindingsVerdictFollowsTheCounts(string finding, string claim)
    {
        string Sentence(Tally t) => With(0.5, t).Sentences().Single(s => s.Contains(finding));
        Assert.EndsWith(claim + " holds.", Sentence(new Tally(20, 20)));
        Assert.Matches(@"fails on \d+ of \d+\.$", Sentence(new Tally(18, 20)));
        Assert.EndsWith("the data contradict " + claim + ".", Sentence(new Tally(3, 20)));
    }

    [Fact]
    public void TheConsistencyCheckIsNamedForWhatItMeasuresAndFollowsTheRuns()
    {
        var passes = With(0.001, new Tally(20, 20)) with { LargestTheorem22Residual = 0.004, ConsistencyPasses = new Tally(390, 390) };
        var s = Assert.Single(passes.Sentences(), s => s.StartsWith("Consistency check of the implementation"));
        Assert.Contains("measures how close a run is to interpolation, not a prediction of the paper", s);
        Assert.Contains("on 390 of 390 converged runs", s);
        Assert.EndsWith("it passes.", s);
        var fails = passes with { LargestTheorem22Residual = 0.5, ConsistencyPasses = new Tally(389, 390) };
        Assert.EndsWith("it fails.", fails.Sentences().Single(s => s.StartsWith("Consistency check")));
    }
}
