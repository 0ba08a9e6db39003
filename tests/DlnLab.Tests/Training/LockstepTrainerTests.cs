using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class LockstepTrainerTests
{
    private static RegressionProblem Problem(int n, int d, ulong seed = 7) =>
        SparseRegression.Generate(new SparseRegressionSpec { N = n, D = d, S = 3, NTest = 50, Seed = seed });

    /// <summary>A sweep-like mix: stepsizes from tiny to divergent, early convergence, schedules, alpha vectors.</summary>
    private static List<TrainingOptions> Runs(int n, int d)
    {
        var runs = new List<TrainingOptions>();
        foreach (double gamma in new[] { 1e-3, 3e-3, 0.01, 0.02, 0.03, 0.05, 0.1, 0.5, 2.0 })
            runs.Add(new TrainingOptions { BatchSize = n, Stepsize = StepsizeSchedule.Constant(gamma), MaxSteps = 3000, Tolerance = 1e-4 });
        runs.Add(new TrainingOptions { BatchSize = n, Stepsize = StepsizeSchedule.StepDecay(0.04, 0.5, 200), MaxSteps = 1500, Tolerance = 0, CheckpointsPerDecade = 3 });
        runs.Add(new TrainingOptions { BatchSize = n, Alpha = 1e-3, Stepsize = StepsizeSchedule.Constant(0.02), MaxSteps = 700, Tolerance = 0 });
        runs.Add(new TrainingOptions { BatchSize = n, AlphaVector = Enumerable.Range(0, d).Select(i => 0.01 + 0.01 * i).ToArray(), Stepsize = StepsizeSchedule.InverseTime(0.03, 100), MaxSteps = 2000 });
        return runs;
    }

    [Theory]
    [InlineData(20, 30)]
    [InlineData(10, 5)]
    [InlineData(15, 50)]
    [InlineData(30, 64)]
    public void EveryLockstepRunIsBitIdenticalToItsSingleRun(int n, int d)
    {
        var p = Problem(n, d);
        var design = new PaddedDesign(p.X, p.Y);
        var runs = Runs(n, d);
        var lockstep = LockstepTrainer.Train(design, p, runs);
        Assert.Equal(runs.Count, lockstep.Length);
        var statuses = new HashSet<RunStatus>();
        for (int r = 0; r < runs.Count; r++)
        {
            var single = Trainer.Train(design, p, runs[r]);
            AssertIdentical(single, lockstep[r], $"run {r}");
            statuses.Add(single.Status);
        }
        // The mix must exercise runs stopping at different steps for different reasons.
        Assert.Contains(RunStatus.BudgetExhausted, statuses);
        Assert.True(statuses.Count >= 2, string.Join(",", statuses));
    }

    [Fact]
    public void RunsNeedNotShareAnything()
    {
        var p = Problem(20, 30);
        var runs = Enumerable.Range(0, 19).Select(i => new TrainingOptions
        {
            BatchSize = 20, Stepsize = StepsizeSchedule.Constant(0.002 * (i + 1)), MaxSteps = 100 + 37 * i, Tolerance = 0,
        }).ToList();
        var lockstep = LockstepTrainer.Train(p, runs);
        for (int r = 0; r < runs.Count; r++)
        {
            Assert.Equal(100 + 37 * r, lockstep[r].Steps);
            AssertIdentical(Trainer.Train(p, runs[r]), lockstep[r], $"run {r}");
        }
    }

    [Fact]
    public void MiniBatchRunsAreRefused()
    {
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var sgd = new TrainingOptions { BatchSize = 1 };
        Assert.False(LockstepTrainer.Supports(design, sgd));
        Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(design, p, [sgd]));
        Assert.True(LockstepTrainer.Supports(design, sgd with { BatchSize = 20 }));
    }

    private static void AssertIdentical(RunResult expected, RunResult actual, string what)
    {
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.True(Bits(expected.TrainLoss) == Bits(actual.TrainLoss), $"{what}: train loss {expected.TrainLoss} vs {actual.TrainLoss}");
        Assert.Equal(expected.Beta.Select(Bits), actual.Beta.Select(Bits));
        Assert.Equal(expected.Implicit.Gain.Select(Bits), actual.Implicit.Gain.Select(Bits));
        Assert.Equal(expected.Implicit.LnAlphaInfSquared.Select(Bits), actual.Implicit.LnAlphaInfSquared.Select(Bits));
        Assert.Equal(expected.SingularSteps, actual.SingularSteps);
        Assert.Equal(Bits(expected.MaxStepGradient), Bits(actual.MaxStepGradient));
        Assert.Equal(expected.Bounced, actual.Bounced);
        Assert.Equal(Bits(expected.MaxLossRise), Bits(actual.MaxLossRise));
        Assert.Equal(expected.TestLoss, actual.TestLoss);
        Assert.Equal(expected.Trajectory, actual.Trajectory);
    }

    private static long Bits(double x) => BitConverter.DoubleToInt64Bits(x);
}
