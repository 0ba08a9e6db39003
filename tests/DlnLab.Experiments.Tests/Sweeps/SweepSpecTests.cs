using DlnLab.Experiments.Sweeps;

namespace DlnLab.Experiments.Tests.Sweeps;

public class SweepSpecTests
{
    [Fact]
    public void ExpansionCoversTheGridOnceWithUniqueKeys()
    {
        var runs = TestSweeps.Small().Expand();
        Assert.Equal(2 * 2 * 3, runs.Count); // datasets x batch sizes x stepsizes
        Assert.Equal(runs.Count, runs.Select(r => r.Key).Distinct().Count());
        Assert.Contains(runs, r => r.BatchSize == 20); // "n" resolved to full batch
        Assert.Equal(2, runs.Select(r => r.DataSeed).Distinct().Count());
    }

    [Fact]
    public void KeysAreRemadeForACopyWithOtherValues()
    {
        // Keys are made once per instance: a copy made with `with` must not inherit the original's.
        var run = TestSweeps.Small().Expand()[0];
        var (key, dataset, threshold, json) = (run.Key, run.DatasetKey, run.ThresholdKey, run.CanonicalJson);
        var otherData = run with { DataSeed = run.DataSeed + 1 };
        Assert.NotEqual(dataset, otherData.DatasetKey);
        Assert.NotEqual(key, otherData.Key);
        Assert.NotEqual(threshold, otherData.ThresholdKey);
        var otherAlpha = run with { Alpha = run.Alpha * 2 };
        Assert.Equal(dataset, otherAlpha.DatasetKey);
        Assert.NotEqual(key, otherAlpha.Key);
        Assert.NotEqual(json, otherAlpha.CanonicalJson);
        var same = run with { };
        Assert.Equal((key, dataset, threshold, json), (same.Key, same.DatasetKey, same.ThresholdKey, same.CanonicalJson));
        Assert.Equal((key, dataset, threshold, json), (run.Key, run.DatasetKey, run.ThresholdKey, run.CanonicalJson));
    }

    [Fact]
    public void SameSpecGivesSameKeysAndSeeds()
    {
        var a = TestSweeps.Small().Expand();
        var b = SweepSpecToml.Parse(TestSweeps.Toml, "other-name.toml").Expand();
        Assert.Equal(a.Select(r => (r.Key, r.DataSeed, r.BatchSeed)), b.Select(r => (r.Key, r.DataSeed, r.BatchSeed)));
    }

    [Fact]
    public void SeedsComeFromCoordinateValuesNotPositions()
    {
        var spec = TestSweeps.Small();
        var reordered = spec with { Stepsize = StepsizeAxis.List(0.05, 0.001, 0.01), BatchSize = [20, 1] };
        var before = spec.Expand().ToDictionary(r => r.Key, r => r.BatchSeed);
        var after = reordered.Expand();
        int shared = 0;
        foreach (var r in after)
            if (before.TryGetValue(r.Key, out var seed)) { shared++; Assert.Equal(seed, r.BatchSeed); }
        Assert.Equal(2 * 2 * 2, shared); // stepsizes 0.01 and 0.05 kept their runs
    }

    [Fact]
    public void StepsizesOfOneConfigurationShareTheBatchSequence()
    {
        var runs = TestSweeps.Small().Expand();
        foreach (var g in runs.GroupBy(r => (r.DataSeed, r.BatchSize)))
            Assert.Single(g.Select(r => r.BatchSeed).Distinct());
        Assert.Equal(4, runs.Select(r => r.BatchSeed).Distinct().Count());
    }

    [Fact]
    public void LogRangeHitsItsEndPointsExactly()
    {
        var points = StepsizeAxis.Log(1e-3, 1e-1, 5).Points();
        Assert.Equal(1e-3, points[0]);
        Assert.Equal(1e-1, points[^1]);
        Assert.Equal(1e-2, points[2], 15);
        Assert.Equal([0.1, 0.2, 0.3], StepsizeAxis.Linear(0.1, 0.3, 3).Points().Select(x => Math.Round(x, 15)));
    }

    [Fact]
    public void SpecSurvivesJson()
    {
        var spec = TestSweeps.Small() with { Stepsize = StepsizeAxis.Relative(0.5, 0.9), DataSeeds = [3UL, ulong.MaxValue] };
        var back = SweepSpecJson.Deserialize(SweepSpecJson.Serialize(spec));
        Assert.Equal(spec.Expand().Select(r => r.Key), back.Expand().Select(r => r.Key));
    }
}
