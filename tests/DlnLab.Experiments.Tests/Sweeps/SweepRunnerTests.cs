using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class SweepRunnerTests
{
    private static (ResultStore Store, SweepSummary Summary) RunFresh(SweepSpec spec, int threads, SweepRunnerOptions? options = null)
    {
        var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        var summary = SweepRunner.Run(spec, store, (options ?? new()) with { MaxDegreeOfParallelism = threads });
        return (store, summary);
    }

    /// <summary>
    /// Runs the sweep on two threads into a fresh store, cancelled once <paramref name="cancelAfter"/> runs are stored;
    /// <paramref name="stored"/>: the runs stored in all.
    /// </summary>
    private static ResultStore RunCancelled(SweepSpec spec, int cancelAfter, out int stored)
    {
        var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        using var cts = new CancellationTokenSource();
        int count = 0;
        var options = new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 2,
            RunStored = _ => { if (Interlocked.Increment(ref count) == cancelAfter) cts.Cancel(); },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => SweepRunner.Run(spec, store, options, null, cts.Token));
        stored = count;
        return store;
    }

    [Fact]
    public void EveryRunOfAManyRunSweepIsCommittedAndReportedOnce()
    {
        // 600 one-step runs on four threads: runs end faster than one commit takes, so they are committed in groups;
        // each is stored, reported to RunStored and counted exactly once, with the same bits as on one thread.
        var spec = TestSweeps.Small() with { Datasets = 3, Repeats = 50, MaxSteps = 1, Stepsize = StepsizeAxis.List(0.01, 0.02) };
        var reported = new System.Collections.Concurrent.ConcurrentBag<string>();
        var (many, summary) = RunFresh(spec, 4, new SweepRunnerOptions { RunStored = e => reported.Add(e.Run.Key) });
        var (one, _) = RunFresh(spec, 1);
        using (many) using (one)
        {
            Assert.Equal(600, summary.Computed);
            Assert.Equal(600, reported.Distinct().Count());
            Assert.Equal(600, reported.Count);
            Assert.Equal(many.RunKeys().Order(), reported.Order());
            TestSweeps.AssertSameRuns(one.Runs(), many.Runs());
        }
    }

    [Fact]
    public void ACancelledSweepCommitsWhatFinishedAndReportsExactlyWhatItStored()
    {
        // The first commit's report cancels the sweep and holds that commit for a while, while other workers finish
        // their runs or drop them; whatever was committed, every stored run was reported, and only those, and the
        // resumed sweep computes exactly the rest.
        var spec = TestSweeps.Small() with { Datasets = 3, Repeats = 50, MaxSteps = 1, Stepsize = StepsizeAxis.List(0.01, 0.02) };
        var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        using var cts = new CancellationTokenSource();
        int reported = 0;
        var options = new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 4,
            RunStored = _ =>
            {
                if (Interlocked.Increment(ref reported) > 1) return;
                cts.Cancel();
                Thread.Sleep(300);
            },
        };
        Assert.ThrowsAny<OperationCanceledException>(() => SweepRunner.Run(spec, store, options, null, cts.Token));
        using (store)
        {
            Thread.Sleep(500); // workers still finishing touch no store after the cancellation
            Assert.Equal(Volatile.Read(ref reported), store.RunCount());
            var (one, _) = RunFresh(spec, 1);
            using (one)
            {
                var resumed = SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
                Assert.Equal(600 - reported, resumed.Computed);
                TestSweeps.AssertSameRuns(one.Runs(), store.Runs());
            }
        }
    }

    [Fact]
    public void ResultsDoNotDependOnTheNumberOfThreads()
    {
        var spec = TestSweeps.Small();
        var (one, s1) = RunFresh(spec, 1);
        var (two, s2) = RunFresh(spec, 2);
        using (one) using (two)
        {
            Assert.Equal(12, s1.Computed);
            Assert.Equal(12, s2.Computed);
            TestSweeps.AssertSameRuns(one.Runs(), two.Runs());
            Assert.Contains(one.Runs(), r => r.Status == "Converged");
            Assert.Equal(2, one.Datasets().Count);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void LockstepStoresTheSameRunsAsSingleRunsToRounding(int threads)
    {
        // Absolute and relative stepsizes, several alphas per stepsize so that lockstep groups form.
        var spec = TestSweeps.Small() with { Alpha = [0.1, 0.3, 1], Stepsize = StepsizeAxis.List(0.005, 0.01, 0.02, 0.05, 0.1) };
        var relative = TestSweeps.Small() with { Name = "relative", Alpha = [0.1, 0.3], Stepsize = StepsizeAxis.Relative(0.25, 0.5, 0.9, 1.5) };
        foreach (var s in new[] { spec, relative })
        {
            var runs = s.Expand();
            var plan = WorkItems.Plan(runs, Enumerable.Range(0, runs.Count).ToArray(), new SweepRunnerOptions { MaxDegreeOfParallelism = threads });
            Assert.Contains(plan, item => item.Lockstep && item.Runs.Length > 1);
            Assert.All(plan.Where(item => item.Lockstep).SelectMany(item => item.Runs), i => Assert.Equal(runs[i].N, runs[i].BatchSize));
            Assert.Equal(Enumerable.Range(0, runs.Count), plan.Where(item => !item.Threshold).SelectMany(item => item.Runs).Order());
            var (single, _) = RunFresh(s, threads, new SweepRunnerOptions { Lockstep = false });
            var (lockstep, summary) = RunFresh(s, threads);
            using (single) using (lockstep)
            {
                Assert.Equal(single.RunCount(), summary.Computed);
                TestSweeps.AssertSameRunsToRounding(single.Runs(), lockstep.Runs(), 1e-12);
                Assert.Contains(lockstep.Runs(), r => r.BatchSize == r.N && r.Status == "Converged");
                // Lockstep sums in its own order: some full-batch run differs from the single path in the last bits.
                Assert.Contains(single.Runs().Zip(lockstep.Runs()), p => p.First.BatchSize == p.First.N && !p.First.Beta.SequenceEqual(p.Second.Beta));
            }
        }
    }

    [Fact]
    public void FixedBudgetFullBatchRunsAtDifferentStepsizesShareLockstepGroups()
    {
        // Tolerance 0: every run takes its whole budget, so a dataset's full-batch runs are grouped whatever their stepsize.
        var spec = TestSweeps.Small() with { Name = "fixed budget", Tolerance = 0, MaxSteps = 2000, Stepsize = StepsizeAxis.List(0.005, 0.01, 0.02, 0.03) };
        var runs = spec.Expand();
        var plan = WorkItems.Plan(runs, Enumerable.Range(0, runs.Count).ToArray(), new SweepRunnerOptions());
        Assert.Contains(plan, item => item.Lockstep && item.Runs.Select(i => runs[i].Stepsize).Distinct().Count() == 4);
        Assert.All(plan.Where(item => item.Lockstep), item => Assert.Single(item.Runs.Select(i => runs[i].DatasetKey).Distinct()));
        // With a tolerance, runs at different stepsizes stop at very different steps: they are not grouped.
        var tolerant = spec with { Tolerance = 1e-3 };
        var tolerantRuns = tolerant.Expand();
        Assert.All(WorkItems.Plan(tolerantRuns, Enumerable.Range(0, tolerantRuns.Count).ToArray(), new SweepRunnerOptions()).Where(item => item.Lockstep),
            item => Assert.Single(item.Runs.Select(i => tolerantRuns[i].Stepsize).Distinct()));
        var (single, _) = RunFresh(spec, 2, new SweepRunnerOptions { Lockstep = false });
        var (lockstep, _) = RunFresh(spec, 2);
        using (single) using (lockstep)
            TestSweeps.AssertSameRunsToRounding(single.Runs(), lockstep.Runs(), 1e-12);
    }

    [Fact]
    public void ARunAgainComputesNothing()
    {
        var spec = TestSweeps.Small();
        var (store, first) = RunFresh(spec, 2);
        using (store)
        {
            var again = SweepRunner.Run(spec, store);
            Assert.Equal(0, again.Computed);
            Assert.Equal(first.Computed, again.AlreadyStored);
            Assert.Equal(12, store.RunCount());
        }
    }

    [Fact]
    public void CancelledLockstepSweepResumesToTheSameStore()
    {
        // Groups cut by the cancellation leave lone lockstep runs behind: they must still take the lockstep path. Eight
        // datasets (48 runs in groups of two): runs that end within a few milliseconds of a commit are committed
        // together, so a sweep of a few short groups could end before the third run is reported.
        var spec = TestSweeps.Small() with { Alpha = [0.1, 0.3], BatchSize = [SweepSpec.FullBatch], Datasets = 8, MaxSteps = 20_000 };
        int total = spec.Expand().Count;
        var (reference, _) = RunFresh(spec, 1);
        using var store = RunCancelled(spec, cancelAfter: 3, out int stored);
        var resumed = SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(total - stored, resumed.Computed);
        TestSweeps.AssertSameRuns(reference.Runs(), store.Runs());
        reference.Dispose();
    }

    [Fact]
    public void CancelledSweepResumesToTheSameStore()
    {
        // Six datasets (36 runs) of a few milliseconds each: runs that end within a few milliseconds of a commit are
        // committed together (a full-batch lockstep group's runs end together), so a sweep of a few short runs could end
        // before the fifth is reported.
        var spec = TestSweeps.Small() with { Datasets = 6, MaxSteps = 100_000, Tolerance = 0 };
        int total = spec.Expand().Count;
        var (reference, _) = RunFresh(spec, 2);
        using var store = RunCancelled(spec, cancelAfter: 5, out _);
        long afterCancel = store.RunCount();
        Assert.InRange(afterCancel, 5, total - 1);
        var resumed = SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        Assert.Equal(total - afterCancel, resumed.Computed);
        TestSweeps.AssertSameRuns(reference.Runs(), store.Runs());
        reference.Dispose();
    }

    [Fact]
    public void RelativeStepsizesUseTheStoredThreshold()
    {
        var spec = TestSweeps.Small() with
        {
            Datasets = 1, BatchSize = [SweepSpec.FullBatch], Stepsize = StepsizeAxis.Relative(0.5, 1.0),
            MaxSteps = 10000, Threshold = new ThresholdSettings { Low = 2e-2, Precision = 1e-2 },
        };
        var (store, summary) = RunFresh(spec, 2);
        using (store)
        {
            Assert.Equal(1, summary.ThresholdsComputed);
            var t = Assert.Single(store.Thresholds());
            Assert.True(t.Found);
            var runs = store.Runs();
            Assert.All(runs, r => Assert.Equal(t.Stepsize, r.LargestConvergentStepsize));
            Assert.Equal(0.5 * t.Stepsize, runs.Single(r => r.StepsizeFraction == 0.5).Stepsize);
            Assert.Equal("Converged", runs.Single(r => r.StepsizeFraction == 1.0).Status);
        }
    }

    [Fact]
    public void PluggedResidualAndReferencesAreStored()
    {
        var spec = TestSweeps.Small() with { Datasets = 1, Stepsize = StepsizeAxis.List(0.01) };
        int references = 0;
        var options = new SweepRunnerOptions
        {
            Theorem22Residual = (problem, run) => run.Beta.Length + problem.N,
            DatasetReferences = (problem, alpha) => { Interlocked.Increment(ref references); return new Dictionary<string, double> { ["alpha_times_n"] = alpha * problem.N }; },
        };
        var progress = new List<SweepProgress>();
        var (store, _) = RunFresh(spec, 1, options);
        using (store)
        {
            Assert.All(store.Runs(), r => Assert.Equal(50, r.Theorem22Residual));
            Assert.Equal(1, references);
            Assert.Equal(2.0, Assert.Single(store.References()).Value, 12);
            SweepRunner.Run(spec with { Name = "again" }, store, options, new SyncProgress(progress));
            Assert.Equal(1, references); // stored reference values are not recomputed
            Assert.Equal(2, progress[^1].Completed);
            Assert.Equal(2, progress[^1].Total);
        }
    }

    private sealed class SyncProgress(List<SweepProgress> sink) : IProgress<SweepProgress>
    {
        public void Report(SweepProgress value) { lock (sink) sink.Add(value); }
    }
}
