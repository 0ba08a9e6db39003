using System.Diagnostics;
using DlnLab.Problems;
using DlnLab.Training;

namespace DlnLab.Tests.Training;

public class LockstepCancellationTests
{
    private static readonly RegressionProblem Problem =
        SparseRegression.Generate(new SparseRegressionSpec { N = 20, D = 30, S = 3, NTest = 10, Seed = 5 });

    /// <summary>Runs that would take hours: a tiny stepsize, no tolerance, a budget of 10^12 steps.</summary>
    private static TrainingOptions[] Long(int batchSize, int count) => Enumerable.Range(0, count).Select(i => new TrainingOptions
    {
        BatchSize = batchSize, Stepsize = StepsizeSchedule.Constant(1e-4 * (i + 1)), Seed = (ulong)i, Tolerance = 0,
        MaxSteps = 1_000_000_000_000, CheckpointsPerDecade = 0,
    }).ToArray();

    [Theory]
    [InlineData(20, 8)] // GD, one full lockstep group
    [InlineData(20, 3)]
    [InlineData(1, 8)] // b = 1 SGD, the runs-innermost block (or the single-run trainer without 512-bit vectors)
    [InlineData(1, 2)]
    public void ACancelledTokenStopsTrainBeforeItsFirstStretch(int batchSize, int count)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => LockstepTrainer.Train(Problem, Long(batchSize, count), cancelled.Token));
    }

    [Theory]
    [InlineData(20, 8)]
    [InlineData(1, 8)]
    public void CancellingDuringALongGroupStopsItWithinASecond(int batchSize, int count)
    {
        using var later = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        // Cancelled from a thread of its own, not a timer: a timer's callback waits for a free thread-pool thread,
        // which other tests running in parallel can hold for seconds, and the time counted is from the cancellation.
        TimeSpan cancelledAt = TimeSpan.Zero;
        var canceller = new Thread(() =>
        {
            Thread.Sleep(200);
            cancelledAt = clock.Elapsed;
            later.Cancel();
        }) { IsBackground = true };
        canceller.Start();
        Assert.ThrowsAny<OperationCanceledException>(() => LockstepTrainer.Train(Problem, Long(batchSize, count), later.Token));
        var stoppedAt = clock.Elapsed;
        canceller.Join();
        // A loose bound for a shared 2-core machine; without the checks the group would run for hours.
        Assert.True(stoppedAt - cancelledAt < TimeSpan.FromSeconds(5),
            $"stopped {(stoppedAt - cancelledAt).TotalSeconds:F2} s after the cancellation");
    }

    [Fact]
    public void AnUncancelledTokenChangesNoBit()
    {
        using var source = new CancellationTokenSource();
        var runs = Long(20, 3).Concat(Long(1, 3)).Select(o => o with { MaxSteps = 5000, CheckpointsPerDecade = 5 }).ToArray();
        var plain = LockstepTrainer.Train(Problem, runs);
        var withToken = LockstepTrainer.Train(Problem, runs, source.Token);
        for (int r = 0; r < runs.Length; r++)
        {
            Assert.Equal(plain[r].Steps, withToken[r].Steps);
            Assert.Equal(plain[r].Beta, withToken[r].Beta);
            Assert.Equal(plain[r].Trajectory, withToken[r].Trajectory);
        }
    }
}
