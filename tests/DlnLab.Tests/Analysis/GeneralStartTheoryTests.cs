using DlnLab.Analysis;
using DlnLab.Models;
using DlnLab.Theory;
using DlnLab.Training;
using Xunit.Abstractions;
using static DlnLab.Tests.Theory.TheoryFixtures;

namespace DlnLab.Tests.Analysis;

/// <summary>The theory of a run from any start (MATH.md, "General initialisation") and of a power:D run, checked on real runs.</summary>
public class GeneralStartTheoryTests(ITestOutputHelper output)
{
    // u0 of order 1 (so runs converge to 1e-24 in about 1e5 steps), v0 of both signs; coordinate 0 has u0 = v0 (A = 0,
    // beta_0 >= 0 for ever) and coordinate 1 has u0 = -v0 (A = 0, beta_1 <= 0).
    private static TrainingOptions FromGeneralStart(int d, int b, double gamma)
    {
        var u0 = Enumerable.Range(0, d).Select(i => 1.0 + 0.1 * (i % 4)).ToArray();
        var v0 = Enumerable.Range(0, d).Select(i => 0.3 * ((i % 3) - 1)).ToArray();
        v0[0] = u0[0];
        v0[1] = -u0[1];
        return new TrainingOptions
        {
            U0 = ScaleOrVector.PerCoordinate(u0), V0 = ScaleOrVector.PerCoordinate(v0), BatchSize = b,
            Stepsize = StepsizeSchedule.Constant(gamma), Seed = 3, Tolerance = 1e-24, MaxSteps = 600_000, CheckpointsPerDecade = 0,
        };
    }

    [Theory]
    [InlineData(1, 0.01)]
    [InlineData(5, 0.02)]
    [InlineData(20, 0.01)]
    [InlineData(20, 0.03)]
    public void Theorem22WithTheGeneralBetaTildeHoldsFromAnyStart(int b, double gamma)
    {
        var p = Problem();
        var options = FromGeneralStart(p.D, b, gamma);
        var run = Trainer.Train(p, options);
        Assert.Equal(RunStatus.Converged, run.Status);
        var implicitBias = run.Implicit!;
        Assert.Equal(double.NegativeInfinity, implicitBias.LnAlphaInfSquared[0]);
        Assert.Equal(double.NegativeInfinity, implicitBias.LnAlphaInfSquared[1]);

        double residual = Theorem22Check.Residual(p.X, p.Y, run);
        var check = TheoryCheck.Of(p, run, options);
        output.WriteLine($"b {b}, gamma {gamma}: {run.Steps} steps, GainL1 {run.GainL1:F3}, Theorem 2.2 residual {residual:E2}, " +
                         $"distance to gradient flow {check.DistanceToGradientFlow:E2}");
        Assert.True(residual < 1e-8, $"relative distance {residual:E2}");
        Assert.Equal(residual, check.Theorem22Residual);
        Assert.True(check.PredictedBeta![0] >= 0 && check.PredictedBeta[1] <= 0);

        // The gradient-flow reference is that of the run's own start, and the run is O(gamma) away from it.
        var flow = Interpolators.GradientFlowFrom(p.X, p.Y, options.U0!.For(p.D), options.V0!.For(p.D)).Beta;
        Assert.Equal(flow, check.GradientFlowBeta);
        Assert.True(check.DistanceToGradientFlow < 0.2, $"distance to gradient flow {check.DistanceToGradientFlow}");
        Assert.True(check.Sharpness > 0);
    }

    [Fact]
    public void TheReportStartKeepsItsTheorem22BitsAndItsGradientFlow()
    {
        var p = Problem();
        var options = new TrainingOptions { Alpha = 1, BatchSize = 5, Stepsize = StepsizeSchedule.Constant(0.02), Seed = 5, Tolerance = 1e-24, MaxSteps = 400_000 };
        var run = Trainer.Train(p, options);
        var before = DualNewtonSolver.Solve(p.X, p.Y, run.Implicit!.LnAlphaInfSquared, run.Implicit.Delta);
        Assert.Equal(before.Beta, Interpolators.Theorem22(p.X, p.Y, run.Implicit).Beta);
        var check = TheoryCheck.Of(p, run, options);
        Assert.Equal(before.Beta, check.PredictedBeta);
        Assert.Equal(Interpolators.GradientFlow(p.X, p.Y, run.Alpha).Beta, check.GradientFlowBeta);
    }

    [Fact]
    public void APowerRunIsComparedWithItsQdInterpolatorAndHasNoTheorem22()
    {
        var p = Problem(10, 20, 2);
        var options = new TrainingOptions
        {
            Model = ModelSpec.Power(3), Alpha = 0.5, BatchSize = p.N, Stepsize = StepsizeSchedule.Constant(0.004), Tolerance = 1e-18,
            MaxSteps = 1_000_000, CheckpointsPerDecade = 0,
        };
        var run = Trainer.Train(p, options);
        Assert.Equal(RunStatus.Converged, run.Status);
        var check = TheoryCheck.Of(p, run, options);
        Assert.Equal(Interpolators.GradientFlow(p.X, p.Y, 3, run.Alpha).Beta, check.GradientFlowBeta);
        Assert.True(check.DistanceToGradientFlow < 0.05, $"distance {check.DistanceToGradientFlow}");
        Assert.Null(check.Theorem22Residual);
        Assert.Null(check.PredictedBeta);
        Assert.Null(check.Sharpness);
        Assert.Null(Theorem22Check.ResidualIfConverged(p, run));
        Assert.Throws<ArgumentException>(() => Theorem22Check.Residual(p.X, p.Y, run));
    }
}
