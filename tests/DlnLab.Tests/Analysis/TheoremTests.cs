using DlnLab.Analysis;
using DlnLab.Theory;
using DlnLab.Training;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Analysis;

/// <summary>Theorems 2.1 and 2.2 of the report, checked on actual runs of the trainer.</summary>
public class TheoremTests(ITestOutputHelper output)
{
    // alpha = 1 converges in about 1e5 steps to a loss of 1e-24; at alpha = 0.1 the slow directions need millions.
    private static TrainingOptions Options(int b, double gamma, long maxSteps = 400_000, double alpha = 1) => new()
    {
        Alpha = alpha, BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 5, Tolerance = 1e-24, MaxSteps = maxSteps,
        CheckpointsPerDecade = 0,
    };

    [Theory]
    [InlineData(1, 0.005)]
    [InlineData(1, 0.01)]
    [InlineData(1, 0.02)]
    [InlineData(5, 0.01)]
    [InlineData(5, 0.02)]
    [InlineData(20, 0.005)]
    [InlineData(20, 0.02)]
    public void ConvergedRunsReachTheTheorem22Interpolator(int b, double gamma)
    {
        var p = Problem();
        var run = Trainer.Train(p, Options(b, gamma));
        Assert.Equal(RunStatus.Converged, run.Status);
        double residual = Theorem22Check.Residual(p.X, p.Y, run);
        output.WriteLine($"b {b}, gamma {gamma}: {run.Steps} steps, GainL1 {run.GainL1:F3}, relative distance to Theorem 2.2 {residual:E2}");
        Assert.True(residual < 1e-8, $"relative distance {residual:E2}");
    }

    [Theory]
    [InlineData(0.247, 1e-24, 100)]
    [InlineData(0.254, 1e-20, 300)]
    public void EdgeOfStabilityRunWithALargeGainStillMatchesTheorem22(double gamma, double tolerance, double minGain)
    {
        // GD at alpha = 0.1 just below the stepsize where it stops converging (about 0.256 on this problem, found by
        // a scan): the loss bounces and the gain grows to hundreds, so alpha_inf^2 spans tens of orders of magnitude.
        var p = Problem();
        var run = Trainer.Train(p, Options(p.N, gamma, 2_000_000, alpha: 0.1) with { Tolerance = tolerance });
        output.WriteLine($"gamma {gamma}: {run.Status}, {run.Steps} steps, GainL1 {run.GainL1:F1}, bounced {run.Bounced}, " +
                         $"min ln(alpha_inf^2) {run.Implicit!.LnAlphaInfSquared.Min():F1}");
        Assert.Equal(RunStatus.Converged, run.Status);
        Assert.True(run.Bounced);
        Assert.True(run.GainL1 > minGain, $"GainL1 {run.GainL1}");
        double residual = Theorem22Check.Residual(p.X, p.Y, run);
        output.WriteLine($"relative distance to Theorem 2.2 {residual:E2}");
        Assert.True(residual < 1e-8, $"relative distance {residual:E2}");
        double sharpness = Stability.SharpnessAtInterpolator(p.X, run.Beta, run.Implicit.LnAlphaInfSquared);
        output.WriteLine($"sharpness at the limit {sharpness:F4}, 2/lambda_max {Stability.GdStabilityThreshold(sharpness):F5}");
        // GD converged, so it ended at an interpolator where its stepsize is (at most marginally) stable.
        Assert.True(gamma <= Stability.GdStabilityThreshold(sharpness) * (1 + 1e-4));
    }

    [Fact]
    public void SmallStepGdApproachesTheGradientFlowInterpolator()
    {
        var p = Problem();
        var flow = Interpolators.GradientFlow(p.X, p.Y, Enumerable.Repeat(1.0, p.D).ToArray()).Beta;
        var gammas = new[] { 0.016, 0.004, 0.001 };
        var distances = gammas.Select(g => RelativeDistance(Trainer.Train(p, Options(p.N, g, 2_000_000) with { Tolerance = 1e-20 }).Beta, flow)).ToArray();
        output.WriteLine("relative distance to the gradient-flow interpolator at gamma 0.016, 0.004, 0.001: " + string.Join(", ", distances.Select(v => v.ToString("E2"))));
        Assert.True(distances[0] > distances[1] && distances[1] > distances[2]);
        // O(gamma): each fourfold decrease divides the distance by roughly four.
        for (int i = 0; i < 2; i++) Assert.InRange(distances[i] / distances[i + 1], 3, 5);
    }
}
