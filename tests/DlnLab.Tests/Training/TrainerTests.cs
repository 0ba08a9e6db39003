using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class TrainerTests
{
    private static readonly RegressionProblem Problem =
        SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 200, Seed = 3 });

    private static TrainingOptions Options(int b, double gamma) => new()
    {
        BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), Seed = 5, MaxSteps = 400_000, Tolerance = 1e-8,
    };

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(20)]
    public void SameSpecAndSeedGiveBitIdenticalBeta(int b)
    {
        var first = Trainer.Train(Problem, Options(b, 0.02));
        var again = Trainer.Train(SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 200, Seed = 3 }), Options(b, 0.02));
        Assert.Equal(first.Steps, again.Steps);
        Assert.Equal(first.Beta.Select(BitConverter.DoubleToInt64Bits), again.Beta.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(first.Implicit!.Gain.Select(BitConverter.DoubleToInt64Bits), again.Implicit!.Gain.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void RunsInParallelThreadsEqualTheSequentialRun()
    {
        var sequential = Trainer.Train(Problem, Options(1, 0.03));
        var parallel = new RunResult[4];
        Parallel.For(0, 4, i => parallel[i] = Trainer.Train(Problem, Options(1, 0.03)));
        foreach (var r in parallel) Assert.Equal(sequential.Beta, r.Beta);
    }

    [Fact]
    public void DifferentBatchSeedsGiveDifferentSgdRuns()
    {
        var a = Trainer.Train(Problem, Options(1, 0.02));
        var b = Trainer.Train(Problem, Options(1, 0.02) with { Seed = 6 });
        Assert.NotEqual(a.Beta, b.Beta);
    }

    [Theory]
    [InlineData(1, 0.02)]
    [InlineData(20, 0.05)]
    public void ConvergedRunsInterpolateBelowTheTolerance(int b, double gamma)
    {
        var r = Trainer.Train(Problem, Options(b, gamma));
        Assert.Equal(RunStatus.Converged, r.Status);
        Assert.True(r.TrainLoss <= 1e-8);
        var residual = Problem.X.Multiply(r.Beta).Zip(Problem.Y, (a, y) => a - y).Sum(t => t * t) / (2 * Problem.N);
        Assert.Equal(residual, r.TrainLoss, 1e-12);
        Assert.NotNull(r.TestLoss);
        // Isotropic Gaussian inputs: the test loss on 200 fresh points estimates the exact population loss.
        Assert.InRange(r.TestLoss!.Value / r.PopulationLoss!.Value, 0.7, 1.3);
    }

    [Fact]
    public void HugeStepsizeDivergesWithAStatusNotAnException()
    {
        var r = Trainer.Train(Problem, Options(20, 5.0));
        Assert.Equal(RunStatus.Diverged, r.Status);
        Assert.True(r.Steps < 1000);
        Assert.True(r.SingularSteps > 0);
    }

    [Fact]
    public void TinyBudgetIsExhausted()
    {
        var r = Trainer.Train(Problem, Options(1, 0.001) with { MaxSteps = 100 });
        Assert.Equal(RunStatus.BudgetExhausted, r.Status);
        Assert.Equal(100, r.Steps);
        Assert.Equal(Problem.X.Multiply(r.Beta).Zip(Problem.Y, (a, y) => (a - y) * (a - y)).Sum() / (2 * Problem.N), r.TrainLoss, 1e-12);
    }

    [Fact]
    public void EdgeOfStabilitySgdBouncesAndSmallStepsDoNot()
    {
        var calm = Trainer.Train(Problem, Options(1, 0.005) with { Tolerance = 1e-5, MaxSteps = 200_000 });
        var wild = Trainer.Train(Problem, Options(1, 0.12) with { Tolerance = 1e-5, MaxSteps = 200_000 });
        Assert.False(calm.Bounced);
        Assert.True(wild.Bounced);
        Assert.True(wild.GainL1 > 10 * calm.GainL1);
    }

    [Fact]
    public void GdLossIsMonotoneAtSmallStepsizes()
    {
        var r = Trainer.Train(Problem, Options(20, 0.01));
        Assert.False(r.Bounced);
        Assert.Equal(1.0, r.MaxLossRise);
        var losses = r.Trajectory.Select(c => c.TrainLoss).ToArray();
        for (int i = 1; i < losses.Length; i++) Assert.True(losses[i] <= losses[i - 1]);
    }

    [Fact]
    public void TrajectoryIsLogSpacedAndEndsAtTheLastStep()
    {
        var r = Trainer.Train(Problem, Options(1, 0.02));
        var steps = r.Trajectory.Select(c => c.Step).ToArray();
        Assert.Equal(0, steps[0]);
        Assert.Equal(r.Steps, steps[^1]);
        Assert.True(steps.Zip(steps.Skip(1), (a, b) => b > a).All(x => x));
        Assert.InRange(steps.Length, 20, 80);
        Assert.Equal(r.GainL1, r.Trajectory[^1].GainL1, 1e-9);
    }

    [Fact]
    public void EpochModeVisitsEverySampleOncePerEpoch()
    {
        var sampler = new BatchSampler(10, 3, BatchMode.Epoch, 9);
        for (int epoch = 0; epoch < 5; epoch++)
        {
            var seen = new List<int>();
            for (int k = 0; k < 3; k++) seen.AddRange(sampler.Next().ToArray());
            Assert.Equal(9, seen.Distinct().Count());
        }
        var r = Trainer.Train(Problem, Options(4, 0.02) with { BatchMode = BatchMode.Epoch });
        Assert.Equal(RunStatus.Converged, r.Status);
    }

    [Fact]
    public void ScheduledStepsizesAreUsedStepByStep()
    {
        var schedule = StepsizeSchedule.List([0.02, 0.01]);
        var r = Trainer.Train(Problem, Options(5, 0.01) with { Stepsize = schedule, Tolerance = 0, MaxSteps = 50 });
        var reference = DlnLab.Tests.Backends.BackendRuns.On(DlnLab.Backends.ReferenceBackend.Instance, Problem, Options(5, 0.01) with { Stepsize = schedule, Tolerance = 0, MaxSteps = 50 });
        for (int i = 0; i < Problem.D; i++) Assert.Equal(reference.Beta[i], r.Beta[i], 1e-10);
    }
}

public class DivergedStateTests
{
    [Fact]
    public void NonFiniteStatesGiveNonFiniteImplicitQuantitiesNotExceptions()
    {
        Assert.True(double.IsNaN(DlnLab.Theory.EffectiveInitialization.ScaledSinh(0, double.NaN)));
        Assert.True(double.IsNaN(DlnLab.Theory.EffectiveInitialization.ScaledCosh(double.NaN, 1)));
        Assert.Equal(-Math.Exp(100 - Math.Log(2)), DlnLab.Theory.EffectiveInitialization.ScaledSinh(0, -100), 1e-12 * Math.Exp(100));
        var p = DlnLab.Problems.SparseRegression.Generate(new DlnLab.Problems.SparseRegressionSpec { Seed = 1 });
        foreach (double gamma in new[] { 1.0, 3, 30, 300 })
        foreach (int b in new[] { 1, 20 })
        {
            var r = Trainer.Train(p, new TrainingOptions { BatchSize = b, Stepsize = StepsizeSchedule.Constant(gamma), MaxSteps = 5000 });
            Assert.Equal(RunStatus.Diverged, r.Status);
        }
    }
}
