using DlnLab.Backends;
using DlnLab.LinearAlgebra;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

/// <summary>
/// The oscillating status on a constructed period-2 GD case: n = d = 1, x = 1, y = 1, beta = u v from alpha = 0.1. The
/// minimum u = v = 1 has sharpness u^2 + v^2 = 2, so GD is stable there only for gamma &lt; 1; at gamma = 1.1 it settles
/// into a period-2 orbit whose losses alternate between two values far above any tolerance and far below divergence.
/// </summary>
public class OscillationTests
{
    private static readonly RegressionProblem Scalar = new() { X = new Matrix(1, 1, [1.0]), Y = [1.0] };

    private static TrainingOptions Gd(double gamma, long maxSteps = 20_000) => new()
    {
        BatchSize = 1, Stepsize = StepsizeSchedule.Constant(gamma), MaxSteps = maxSteps, Tolerance = 1e-10, CheckpointsPerDecade = 0,
    };

    [Fact]
    public void APeriodTwoOrbitIsOscillatingOnEveryPath()
    {
        var options = Gd(1.1) with { CheckpointsPerDecade = 50 };
        var loop = Trainer.Train(Scalar, options);
        Assert.Equal(RunStatus.Oscillating, loop.Status);
        Assert.Equal(options.MaxSteps, loop.Steps);
        // It is a period-2 orbit: the loss at consecutive steps alternates between two values that repeat.
        var gd = new ReferenceSgdRun(1.1, 0.1);
        var losses = Enumerable.Range(0, 20_004).Select(_ => gd.StepLoss()).ToArray();
        Assert.Equal(losses[^1], losses[^3], 12);
        Assert.Equal(losses[^2], losses[^4], 12);
        Assert.True(Math.Abs(losses[^1] - losses[^2]) > 0.01);
        var reference = Trainer.Train(new PaddedDesign(Scalar.X, Scalar.Y), Scalar, options, ReferenceBackend.Instance);
        Assert.Equal(RunStatus.Oscillating, reference.Status);
        var lockstep = LockstepTrainer.Train(Scalar, [options, Gd(0.5), Gd(1e-4, 1000)]);
        Assert.Equal(RunStatus.Oscillating, lockstep[0].Status);
        Assert.Equal(RunStatus.Converged, lockstep[1].Status);
        Assert.Equal(RunStatus.BudgetExhausted, lockstep[2].Status);
    }

    [Theory]
    [InlineData(0.5, 20_000, RunStatus.Converged)]
    [InlineData(2.5, 20_000, RunStatus.Diverged)]
    [InlineData(1e-4, 1000, RunStatus.BudgetExhausted)] // monotone and slow: out of budget, not oscillating
    public void OtherRunsKeepTheirStatus(double gamma, long maxSteps, RunStatus expected) =>
        Assert.Equal(expected, Trainer.Train(Scalar, Gd(gamma, maxSteps)).Status);

    [Fact]
    public void ABounceThatStillMakesProgressIsNotOscillating()
    {
        // Rises at every other observation, but the running minimum halves over the window: still progress.
        var monitor = new LossMonitor(1.0, new TrainingOptions { MaxSteps = 100, Tolerance = 0 });
        double low = 0.5;
        for (long k = 0; k <= 100; k++)
        {
            monitor.Observe(k % 2 == 0 ? low : 2 * low, k);
            if (k % 2 == 0) low *= 0.9;
        }
        Assert.Equal(RunStatus.BudgetExhausted, monitor.AtBudget());
        var stuck = new LossMonitor(1.0, new TrainingOptions { MaxSteps = 100, Tolerance = 0 });
        for (long k = 0; k <= 100; k++) stuck.Observe(k % 2 == 0 ? 0.5 : 0.6, k);
        Assert.Equal(RunStatus.Oscillating, stuck.AtBudget());
        // Fewer than OscillationRises rises in the last quarter: out of budget.
        var few = new LossMonitor(1.0, new TrainingOptions { MaxSteps = 100, Tolerance = 0 });
        for (long k = 0; k <= 100; k++) few.Observe(k is 80 or 90 or 95 ? 0.6 : 0.5, k);
        Assert.Equal(RunStatus.BudgetExhausted, few.AtBudget());
    }

    /// <summary>The textbook scalar GD on (u v - 1)^2 / 2 from u = sqrt(2) alpha, v = 0.</summary>
    private sealed class ReferenceSgdRun(double gamma, double alpha)
    {
        private double _u = Math.Sqrt(2) * alpha, _v;

        public double StepLoss()
        {
            double r = _u * _v - 1;
            (_u, _v) = (_u - gamma * r * _v, _v - gamma * r * _u);
            return 0.5 * r * r;
        }
    }
}
