using DlnLab.Experiments.Storage;

namespace DlnLab.Experiments.Tests.Storage;

public class ResultStoreTests
{
    internal static StoredRun Sample(string key, double trainLoss = 1e-6) => new()
    {
        Key = key, Sweep = "s", DatasetKey = "ds", N = 20, D = 3, S = 1, Noise = 0.5, Nonzeros = "Gaussian",
        NonzeroScale = 10, Support = "Random", NTest = 50, DataIndex = 1, DataSeed = ulong.MaxValue - 7, Alpha = 0.1,
        Model = "power:3", U0 = -0.25,
        BatchSize = 1, BatchMode = "Uniform", Stepsize = 0.01, StepsizeFraction = 0.5, LargestConvergentStepsize = 0.02,
        Repeat = 0, BatchSeed = 1UL << 63, Tolerance = 1e-5, MaxSteps = 100, Status = "Converged", Steps = 42,
        TrainLoss = trainLoss, TestLoss = null, PopulationLoss = 3.25, DistanceToBetaStar = double.PositiveInfinity,
        GainL1 = 1.5, Bounced = true, MaxLossRise = double.NaN, SingularSteps = 2, MaxStepGradient = 0.3,
        Theorem22Residual = 1e-13, WallSeconds = 0.01,
        Gain = [1, -0.0, double.Epsilon], Beta = [Math.PI, double.NaN, -1e300], LnAlphaInfSquared = [-4.6, -4.7, -4.8],
        BetaTilde0 = [], SpecJson = "{}",
    };

    [Fact]
    public void RunsRoundTripBitForBit()
    {
        var dir = TestSweeps.TempDir();
        var path = Path.Combine(dir, "store.db");
        var run = Sample("k1");
        using (var store = ResultStore.Open(path))
        {
            Assert.True(store.AddRun(run));
            Assert.False(store.AddRun(run with { TrainLoss = 5 })); // same key: ignored, not replaced
        }
        using (var store = ResultStore.Open(path))
        {
            var back = Assert.Single(store.Runs("s"));
            TestSweeps.AssertSameRuns([run], [back]);
            Assert.Equal(1e-6, back.TrainLoss);
            Assert.Null(back.TestLoss);
            Assert.True(double.IsNaN(back.MaxLossRise));
            Assert.Equal(run.WallSeconds, back.WallSeconds);
            Assert.Empty(store.Runs("other"));
            Assert.Equal(["k1"], store.RunKeys());
        }
    }

    [Fact]
    public void RunsAddedTogetherAreEachAddedOnce()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        Assert.Equal([true], store.AddRuns([Sample("k1")]));
        Assert.Equal([true, false, true], store.AddRuns([Sample("k2"), Sample("k1", trainLoss: 5), Sample("k3")]));
        Assert.Equal(["k1", "k2", "k3"], store.RunKeys().Order());
        Assert.Equal(1e-6, store.Runs().Single(r => r.Key == "k1").TrainLoss);
    }

    [Fact]
    public void OutcomesAreTheRunsKeysStatusesAndResiduals()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        store.AddRun(Sample("k1"));
        store.AddRun(Sample("k2") with { Status = "Diverged", Theorem22Residual = null });
        store.AddRun(Sample("k3") with { Sweep = "other", Theorem22Residual = 2.5e-9 });
        Assert.Equal(store.Runs("s").Select(r => new StoredOutcome(r.Key, r.Status, r.Theorem22Residual)), store.Outcomes("s"));
        Assert.Equal(
            [new StoredOutcome("k1", "Converged", 1e-13), new StoredOutcome("k2", "Diverged", null), new StoredOutcome("k3", "Converged", 2.5e-9)],
            store.Outcomes().OrderBy(o => o.Key));
    }

    [Fact]
    public void DatasetsThresholdsAndSweepsRoundTrip()
    {
        var dir = TestSweeps.TempDir();
        using var store = ResultStore.Open(Path.Combine(dir, "store.db"));
        store.AddSweep("s", "{\"a\":1}", "h1");
        store.AddSweep("s", "{\"a\":1}", "h1");
        store.AddDataset(new StoredDataset("ds", 20, 3, 1, 0, "Gaussian", 10, "Random", 50, ulong.MaxValue, [0, 2.5, 0]),
            [new StoredReference("ds", 0.1, "gf_test_loss", 0.25)]);
        var t = new StoredThreshold("t", "ds", 0.1, 1, 7, 1e-4, 10, 1e-3, 0.0123, true, false, 14, 0.01231);
        store.AddThreshold(t);
        Assert.Single(store.Sweeps());
        var d = Assert.Single(store.Datasets());
        Assert.Equal(ulong.MaxValue, d.DataSeed);
        Assert.Equal([0, 2.5, 0], d.BetaStar);
        Assert.Equal(0.25, Assert.Single(store.References("ds")).Value);
        Assert.Equal(t, store.Threshold("t"));
        Assert.Null(store.Threshold("nope"));
    }

    [Fact]
    public void TwoWritersOnOneStoreKeepEveryRunOnce()
    {
        var dir = TestSweeps.TempDir();
        var path = Path.Combine(dir, "store.db");
        using var a = ResultStore.Open(path);
        using var b = ResultStore.Open(path);
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            // Both writers insert the same 100 keys, interleaved.
            (i % 2 == 0 ? a : b).AddRun(Sample("k" + (i / 2), i));
        });
        Assert.Equal(100, a.RunCount());
        Assert.Equal(100, b.Runs().Select(r => r.Key).Distinct().Count());
    }
}
