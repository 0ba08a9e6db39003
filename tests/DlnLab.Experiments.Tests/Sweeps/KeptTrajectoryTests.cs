using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

/// <summary>Sweeps that keep their runs' trajectories: stored, exported as runs x checkpoints x d, the same bits on any thread count.</summary>
public class KeptTrajectoryTests
{
    private static SweepSpec Kept() => SweepSpecToml.Parse(TestSweeps.Toml + "\n", "small.toml") with
    {
        KeepTrajectories = true, CheckpointsPerDecade = 5, Datasets = 1,
    };

    private static IReadOnlyList<StoredRun> Run(SweepSpec spec, int threads)
    {
        using var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "s.db"));
        SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = threads });
        return store.Runs();
    }

    [Fact]
    public void KeptTrajectoriesEndAtTheStoredResultAndDoNotDependOnThreads()
    {
        var one = Run(Kept(), 1);
        var three = Run(Kept(), 3);
        TestSweeps.AssertSameRuns(one, three);
        for (int i = 0; i < one.Count; i++)
            foreach (var column in RunColumns.Trajectories)
                TestSweeps.AssertBits((double[])one[i][column]!, (double[])three[i][column]!);
        foreach (var r in one)
        {
            var steps = (double[])r[RunColumns.TrajectoryStep]!;
            var beta = (double[])r[RunColumns.TrajectoryBeta]!;
            var gain = (double[])r[RunColumns.TrajectoryGain]!;
            Assert.True(steps.Length > 3);
            Assert.Equal(steps.Length * r.D, beta.Length);
            Assert.Equal(r.Steps, (long)steps[^1]);
            Assert.Equal(r.TrainLoss, ((double[])r[RunColumns.TrajectoryTrainLoss]!)[^1]);
            TestSweeps.AssertBits(r.Beta, beta[^r.D..]);
            TestSweeps.AssertBits(r.Gain, gain[^r.D..]);
        }
    }

    [Fact]
    public void RunsWithoutTrajectoriesKeepTheirKeysAndStoreNone()
    {
        var plain = TestSweeps.Small().Expand();
        var kept = Kept().Expand();
        Assert.Equal(plain.Select(r => r.ThresholdKey), (TestSweeps.Small() with { KeepTrajectories = true }).Expand().Select(r => r.ThresholdKey));
        Assert.DoesNotContain(plain[0].Key, kept.Select(r => r.Key));
        Assert.DoesNotContain("keep_trajectories", plain[0].CanonicalJson);
        var runs = Run(TestSweeps.Small() with { Datasets = 1 }, 2);
        Assert.All(runs, r => Assert.Empty((double[])r[RunColumns.TrajectoryStep]!));
    }

    [Fact]
    public void TheExportHoldsRunsByCheckpointsByCoordinates()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "s.db"));
        SweepRunner.Run(Kept(), store, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        var runs = store.Runs();
        int checkpoints = runs.Max(r => ((double[])r[RunColumns.TrajectoryStep]!).Length);
        StoreExporter.Export(store, Path.Combine(dir, "out"));
        int last = ((double[])runs[0][RunColumns.TrajectoryStep]!).Length - 1;
        // numpy reads the runs x checkpoints x d array; run 0's last checkpoint is its final beta, and NaN follows it.
        var start = new System.Diagnostics.ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-c", "import numpy as np, sys; z = np.load(sys.argv[1]); b = z['trajectory_beta']; " +
            "print(b.shape, z['trajectory_sharpness'].shape, repr(float(b[0, int(sys.argv[2]), 0])), bool(np.isnan(b[0, int(sys.argv[2]) + 1:]).all()))",
            Path.Combine(dir, "out", "runs.npz"), last.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(a);
        using var python = System.Diagnostics.Process.Start(start)!;
        string output = python.StandardOutput.ReadToEnd().Trim();
        python.WaitForExit();
        Assert.Equal($"({runs.Count}, {checkpoints}, 30) ({runs.Count}, {checkpoints}) {runs[0].Beta[0].ToString("R", System.Globalization.CultureInfo.InvariantCulture)} True", output);
    }
}
