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
        foreach (double gamma in new[] { 1e-3, 3e-3, 0.01, 0.02, 0.03, 0.05, 0.1, 0.5, 2.0, 1e9 })
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
    // Fewer rows than a block's eight coordinates: the update of the previous block cannot all go between the next
    // block's rows (blocks 8 + 8 + 6, 8 + 8 + 1, 8 + 4 + 1); these runs also reach losses near 1e-22.
    [InlineData(6, 22)]
    [InlineData(7, 17)]
    [InlineData(5, 13)]
    public void EveryLockstepRunAgreesWithItsSingleRun(int n, int d)
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
            AssertAgree(p, single, lockstep[r], $"run {r}");
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
            AssertAgree(p, Trainer.Train(p, runs[r]), lockstep[r], $"run {r}");
        }
    }

    [Fact]
    public void MiniBatchRunsAndLongRowsAreRefused()
    {
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var sgd = new TrainingOptions { BatchSize = 2 };
        Assert.False(LockstepTrainer.Supports(design, sgd));
        Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(design, p, [sgd]));
        Assert.True(LockstepTrainer.Supports(design, sgd with { BatchSize = 20 }));
        // b = 1 runs train in lockstep when asked, but sweeps do not plan them into groups.
        Assert.False(LockstepTrainer.Supports(design, sgd with { BatchSize = 1 }));
        Assert.Equal(300, LockstepTrainer.Train(design, p, [sgd with { BatchSize = 1, MaxSteps = 300, Tolerance = 0 }])[0].Steps);
        Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(new PaddedDesign(Problem(20, 65).X, Problem(20, 65).Y), Problem(20, 65), [sgd with { BatchSize = 1 }]));
        Assert.False(LockstepTrainer.Supports(20, 65, 20));
        Assert.True(LockstepTrainer.Supports(1, 30, 1)); // b = n = 1: full batch
    }

    [Fact]
    public void LabelNoiseAndMomentumRunsAreRefused()
    {
        // The lockstep kernels step plain GD on the data's labels: other optimisers must not be trained as plain GD.
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var gd = new TrainingOptions { BatchSize = 20, MaxSteps = 10 };
        Assert.True(LockstepTrainer.Supports(design, gd));
        foreach (var other in (TrainingOptions[])[gd with { LabelNoise = 0.5 }, gd with { Momentum = 0.5 }, gd with { BatchSize = 1, LabelNoise = 0.5 }])
        {
            Assert.False(LockstepTrainer.Supports(design, other));
            Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(design, p, [other]));
        }
    }

    [Fact]
    public void OtherModelsAndStartsAreRefused()
    {
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var gd = new TrainingOptions { BatchSize = 20 };
        foreach (var other in new[]
                 {
                     gd with { Model = DlnLab.Models.ModelSpec.Power(3) },
                     gd with { U0 = DlnLab.Models.ScaleOrVector.Uniform(0.2) },
                     gd with { V0 = DlnLab.Models.ScaleOrVector.Uniform(0.05) },
                 })
        {
            Assert.False(LockstepTrainer.Supports(design, other));
            Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(design, p, [other]));
            Assert.Throws<ArgumentException>(() => LockstepTrainer.Train(design, p, [other with { BatchSize = 1 }]));
        }
    }

    [Theory]
    [InlineData(20, 30)]
    [InlineData(7, 17)]
    public void EveryLockstepResultsTestLossAndDistanceAreThoseOfItsFinalBeta(int n, int d)
    {
        // A result takes them from the checkpoint recorded at its stopping step when that checkpoint's beta is the same
        // bits as the final one: either way they must be exactly the final beta's.
        var p = Problem(n, d);
        var metrics = new IterateMetrics(p);
        var runs = Runs(n, d).Concat(SingleSampleRuns(d))
            .SelectMany(o => new[] { o, o with { CheckpointsPerDecade = 4, RecordIterates = true } }).ToList();
        var results = LockstepTrainer.Train(p, runs);
        for (int r = 0; r < runs.Count; r++)
        {
            Assert.Equal(Bits(metrics.TestLoss(results[r].Beta)!.Value), Bits(results[r].TestLoss!.Value));
            Assert.Equal(Bits(metrics.DistanceToBetaStar(results[r].Beta)!.Value), Bits(results[r].DistanceToBetaStar!.Value));
        }
    }

    /// <summary>b = 1 runs of every kind: stepsizes to divergence, schedules, tolerances, budgets, seeds, batch modes.</summary>
    private static List<TrainingOptions> SingleSampleRuns(int d)
    {
        var runs = new List<TrainingOptions>();
        ulong seed = 1;
        foreach (double gamma in new[] { 1e-3, 5e-3, 0.01, 0.02, 0.05, 0.2, 1e9 })
            runs.Add(new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.Constant(gamma), MaxSteps = 20_000, Tolerance = 1e-4, Seed = seed++ });
        runs.Add(new TrainingOptions { BatchSize = 1, Stepsize = StepsizeSchedule.StepDecay(0.02, 0.5, 900), MaxSteps = 5000, Tolerance = 0, CheckpointsPerDecade = 3, Seed = seed++ });
        runs.Add(new TrainingOptions { BatchSize = 1, BatchMode = BatchMode.Epoch, Stepsize = StepsizeSchedule.Constant(0.01), MaxSteps = 3001, Tolerance = 0, LossCheckInterval = 7, Seed = seed++ });
        runs.Add(new TrainingOptions { BatchSize = 1, AlphaVector = Enumerable.Range(0, d).Select(i => 0.01 + 0.01 * i).ToArray(), Stepsize = StepsizeSchedule.InverseTime(0.02, 100), MaxSteps = 4000, Seed = seed++ });
        // alpha below 2^-127: the factors start with moved exponents and are renormalised as they grow.
        runs.Add(new TrainingOptions { BatchSize = 1, Alpha = 1e-40, Stepsize = StepsizeSchedule.Constant(0.05), MaxSteps = 6000, Tolerance = 0, Seed = seed++ });
        return runs;
    }

    [Theory]
    [InlineData(20, 30)]
    [InlineData(3, 5)]
    [InlineData(7, 64)]
    [InlineData(12, 13)]
    [InlineData(2, 3)]
    [InlineData(40, 20)]
    public void EverySingleSampleLockstepRunIsItsSingleRunBitForBit(int n, int d)
    {
        var p = Problem(n, d);
        var design = new PaddedDesign(p.X, p.Y);
        // Eleven b = 1 runs (a group of eight and one of three, which goes on two by two as its runs stop) among full-batch ones.
        var runs = SingleSampleRuns(d);
        runs.Insert(3, new TrainingOptions { BatchSize = n, Stepsize = StepsizeSchedule.Constant(0.01), MaxSteps = 300 });
        var lockstep = LockstepTrainer.Train(design, p, runs);
        var statuses = new HashSet<RunStatus>();
        for (int r = 0; r < runs.Count; r++)
        {
            var single = Trainer.Train(design, p, runs[r]);
            if (runs[r].BatchSize == n) AssertAgree(p, single, lockstep[r], $"run {r}");
            else Assert.Equal(Json(single), Json(lockstep[r]));
            statuses.Add(single.Status);
        }
        Assert.Contains(RunStatus.BudgetExhausted, statuses);
        Assert.True(statuses.Count >= 2, string.Join(",", statuses));
    }

    /// <summary>
    /// Uniform b = 1 runs in a partly filled block (its idle lanes draw too, from generators nobody reads): every group
    /// size finishes, each run bit for bit its single run.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    [InlineData(9)]
    public void PartlyFilledSingleSampleGroupsAreTheirSingleRuns(int count)
    {
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var runs = Enumerable.Range(0, count).Select(i => new TrainingOptions
        {
            BatchSize = 1, Stepsize = StepsizeSchedule.Constant(0.01 * (i + 1)), MaxSteps = 3000 + 100 * i, Tolerance = 0, Seed = (ulong)(i + 1),
        }).ToArray();
        var lockstep = Task.Run(() => LockstepTrainer.Train(design, p, runs));
        Assert.True(lockstep.Wait(TimeSpan.FromSeconds(60)), $"{count} b = 1 runs in lockstep did not finish within a minute");
        for (int r = 0; r < count; r++) Assert.Equal(Json(Trainer.Train(design, p, runs[r])), Json(lockstep.Result[r]));
    }

    private static readonly System.Text.Json.JsonSerializerOptions Exact =
        new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>Every field of a result, doubles written so that equal text means equal bits.</summary>
    private static string Json(RunResult r) => System.Text.Json.JsonSerializer.Serialize(r, Exact);

    [Fact]
    public void ARunsResultDoesNotDependOnItsGroup()
    {
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var runs = Runs(20, 30);
        var all = LockstepTrainer.Train(design, p, runs);
        // Alone, in groups of every size from 2 to 17 (one lockstep group and several, partly filled ones), reversed, and
        // with copies of itself and other runs around it: bit for bit the same result.
        for (int r = 0; r < runs.Count; r++)
        {
            AssertIdentical(all[r], LockstepTrainer.Train(design, p, [runs[r]])[0], $"run {r} alone");
            for (int size = 2; size <= 17; size += 3)
            {
                var group = Enumerable.Range(0, size).Select(i => runs[(r + 5 * i + 1) % runs.Count]).ToList();
                int at = (r * 7 + size) % size;
                group[at] = runs[r];
                AssertIdentical(all[r], LockstepTrainer.Train(design, p, group)[at], $"run {r} in a group of {size} at {at}");
            }
        }
        var reversed = LockstepTrainer.Train(design, p, runs.AsEnumerable().Reverse().ToList());
        for (int r = 0; r < runs.Count; r++) AssertIdentical(all[r], reversed[runs.Count - 1 - r], $"run {r} reversed");
    }

    [Fact]
    public void ARunWithMovedExponentsSharesAVectorWithOrdinaryRuns()
    {
        // alpha = 1e-40 lies below 2^-127: its w+ and w- start with exponents moved, so the vector of lanes it shares
        // takes beta with the stored scales, where a vector of ordinary runs skips the products by 1. Results stay the
        // bits of each run alone.
        var p = Problem(20, 30);
        var design = new PaddedDesign(p.X, p.Y);
        var tiny = new TrainingOptions { BatchSize = 20, Alpha = 1e-40, Stepsize = StepsizeSchedule.Constant(0.05), MaxSteps = 900, Tolerance = 0 };
        Assert.NotEqual(1.0, new NetworkState(tiny.AlphaFor(30), design.Stride).PlusScaleSquared[0]);
        var runs = Enumerable.Range(0, 7).Select(i => new TrainingOptions
        {
            BatchSize = 20, Stepsize = StepsizeSchedule.Constant(0.004 * (i + 1)), MaxSteps = 50 + 20 * i, Tolerance = 0,
        }).Append(tiny).ToList();
        var group = LockstepTrainer.Train(design, p, runs);
        for (int r = 0; r < runs.Count; r++)
        {
            AssertIdentical(LockstepTrainer.Train(design, p, [runs[r]])[0], group[r], $"run {r}");
            AssertAgree(p, Trainer.Train(design, p, runs[r]), group[r], $"run {r} against its single run");
        }
    }

    /// <summary>
    /// Lockstep sums in other orders than the single run, so numbers agree to rounding: within 1e-12 relative (beta
    /// and gains against the largest entry, as cancellation makes tiny coordinates' relative error meaningless). A
    /// training loss L is half the mean square of residuals whose rounding is relative to the data, so it agrees within
    /// 1e-12 (L + sqrt(L L0)), L0 = ||y||^2 / 2n the loss at beta = 0: relative to L until the residuals are tiny next
    /// to y, as near interpolation.
    /// </summary>
    private static void AssertAgree(RegressionProblem problem, RunResult expected, RunResult actual, string what)
    {
        double initialLoss = problem.Y.Sum(y => y * y) / (2.0 * problem.N);
        double LossScale(double loss) => Math.Abs(loss) + Math.Sqrt(Math.Abs(loss) * initialLoss);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.Equal(expected.SingularSteps, actual.SingularSteps);
        Assert.Equal(double.IsNaN(expected.MaxStepGradient), double.IsNaN(actual.MaxStepGradient));
        Assert.Equal(double.IsInfinity(expected.MaxStepGradient), double.IsInfinity(actual.MaxStepGradient));
        if (expected.Status == RunStatus.Diverged) return;
        Close(expected.MaxStepGradient, actual.MaxStepGradient, expected.MaxStepGradient, what + " max step gradient");
        Close(expected.TrainLoss, actual.TrainLoss, LossScale(expected.TrainLoss), what + " train loss");
        Close(expected.TestLoss!.Value, actual.TestLoss!.Value, Math.Abs(expected.TestLoss.Value), what + " test loss");
        Vectors(expected.Beta, actual.Beta, what + " beta");
        Vectors(expected.Implicit!.Gain, actual.Implicit!.Gain, what + " gain");
        Vectors(expected.Implicit.LnAlphaInfSquared, actual.Implicit.LnAlphaInfSquared, what + " ln alpha_inf^2");
        Assert.Equal(expected.SingularSteps, actual.SingularSteps);
        Assert.Equal(expected.Bounced, actual.Bounced);
        Close(expected.MaxLossRise, actual.MaxLossRise, expected.MaxLossRise, what + " max loss rise");
        Assert.Equal(expected.Trajectory.Count, actual.Trajectory.Count);
        for (int c = 0; c < expected.Trajectory.Count; c++)
        {
            Assert.Equal(expected.Trajectory[c].Step, actual.Trajectory[c].Step);
            Close(expected.Trajectory[c].TrainLoss, actual.Trajectory[c].TrainLoss, LossScale(expected.Trajectory[c].TrainLoss), $"{what} checkpoint {c}");
        }
    }

    private static void Vectors(double[] expected, double[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++) Close(expected[i], actual[i], scale, $"{what}[{i}]");
    }

    private static void Close(double expected, double actual, double scale, string what) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * scale, $"{what}: {expected:R} vs {actual:R}");

    private static void AssertIdentical(RunResult expected, RunResult actual, string what)
    {
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Steps, actual.Steps);
        Assert.True(Bits(expected.TrainLoss) == Bits(actual.TrainLoss), $"{what}: train loss {expected.TrainLoss} vs {actual.TrainLoss}");
        Assert.Equal(expected.Beta.Select(Bits), actual.Beta.Select(Bits));
        Assert.Equal(expected.Implicit!.Gain.Select(Bits), actual.Implicit!.Gain.Select(Bits));
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
