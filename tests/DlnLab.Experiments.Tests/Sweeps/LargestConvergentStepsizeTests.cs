using DlnLab.Experiments.Sweeps;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Experiments.Tests.Sweeps;

public class LargestConvergentStepsizeTests
{
    private static readonly RegressionProblem Problem =
        SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 50, Seed = 3 });

    [Theory]
    [InlineData(20)]
    [InlineData(1)]
    public void ReturnsABracketOfConvergesAndDoesNotConverge(int batchSize)
    {
        var options = new TrainingOptions { BatchSize = batchSize, Seed = 9, MaxSteps = 10000, Tolerance = 1e-3, CheckpointsPerDecade = 0 };
        var settings = new ThresholdSettings { Low = 2e-2, High = 10, Precision = 1e-2 };
        var t = LargestConvergentStepsize.Find(Problem, options, settings);
        Assert.True(t.Found && !t.HitCap, t.ToString());
        Assert.True(t.SmallestFailure / t.Stepsize <= 1 + settings.Precision);
        Assert.Equal(RunStatus.Converged, Status(options, t.Stepsize));
        Assert.NotEqual(RunStatus.Converged, Status(options, t.SmallestFailure));
        Assert.Equal(t, LargestConvergentStepsize.Find(Problem, options, settings)); // deterministic
    }

    [Fact]
    public void ForGradientDescentTenPercentMoreDoesNotConverge()
    {
        // With one batch sequence, SGD's convergence need not be monotone in the stepsize; GD's is, near the threshold.
        var options = new TrainingOptions { BatchSize = 20, MaxSteps = 10000, Tolerance = 1e-3, CheckpointsPerDecade = 0 };
        var t = LargestConvergentStepsize.Find(Problem, options, new ThresholdSettings { Low = 2e-2, Precision = 1e-2 });
        Assert.True(t.Found && !t.HitCap, t.ToString());
        Assert.Equal(RunStatus.Converged, Status(options, t.Stepsize));
        Assert.NotEqual(RunStatus.Converged, Status(options, 1.1 * t.Stepsize));
    }

    [Fact]
    public void ReportsTheCapAndTheAbsenceOfAThreshold()
    {
        var options = new TrainingOptions { BatchSize = 20, Seed = 9, MaxSteps = 3000, CheckpointsPerDecade = 0 };
        var none = LargestConvergentStepsize.Find(Problem, options with { MaxSteps = 2 }, new ThresholdSettings());
        Assert.False(none.Found);
        Assert.True(double.IsNaN(none.Stepsize));
        // Tolerance 1e9 makes every stepsize "converge" at once: the cap is reported as such.
        var all = LargestConvergentStepsize.Find(Problem, options with { Tolerance = 1e9 }, new ThresholdSettings { High = 5 });
        Assert.True(all.HitCap);
        Assert.Equal(5, all.Stepsize);
    }

    private static RunStatus Status(TrainingOptions o, double gamma) =>
        Trainer.Train(new PaddedDesign(Problem.X, Problem.Y), Problem, o with { Stepsize = StepsizeSchedule.Constant(gamma) }).Status;
}
