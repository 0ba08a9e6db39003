using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using FsCheck.Xunit;

namespace DlnLab.Experiments.Tests.Sweeps;

public class SweepShardsTests
{
    /// <summary>A grid built from small numbers (each axis 1 to 3 values), absolute or relative stepsizes.</summary>
    private static SweepSpec Grid(int datasets, int alphas, int batches, int stepsizes, bool relative, int repeats) =>
        new SweepSpec
        {
            Name = "grid", Datasets = 1 + datasets % 3, Repeats = 1 + repeats % 2, N = [12], D = [10], S = [2], NTest = 20,
            Alpha = [.. new[] { 0.1, 0.05, 0.3 }.Take(1 + alphas % 3)],
            BatchSize = [.. new[] { SweepSpec.FullBatch, 1, 4 }.Take(1 + batches % 3)],
            Stepsize = relative ? StepsizeAxis.Relative([.. new[] { 0.25, 0.5, 1.0 }.Take(1 + stepsizes % 3)])
                : StepsizeAxis.List([.. new[] { 0.01, 0.02, 0.05 }.Take(1 + stepsizes % 3)]),
        }.Validated();

    [Property(MaxTest = 40)]
    public void ShardsPartitionThePlanForEveryShardCount(byte datasets, byte alphas, byte batches, byte stepsizes, bool relative, byte repeats)
    {
        var runs = Grid(datasets, alphas, batches, stepsizes, relative, repeats).Expand();
        int count = SweepShards.WorkItemCount(runs);
        var ofThreshold = runs.Select((r, i) => (r, i)).Where(p => p.r.StepsizeFraction is not null).ToLookup(p => p.r.ThresholdKey, p => p.i);
        for (int n = 1; n <= count; n++)
        {
            var shards = SweepShards.Partition(runs, n);
            Assert.Equal(n, shards.Length);
            Assert.All(shards, s => Assert.NotEmpty(s));
            // Disjoint and together exactly the plan.
            Assert.Equal(Enumerable.Range(0, runs.Count), shards.SelectMany(s => s).Order());
            var shardOf = new int[runs.Count];
            for (int s = 0; s < n; s++) foreach (int i in shards[s]) shardOf[i] = s;
            // A bisection and every run that needs its threshold are in one shard.
            foreach (var group in ofThreshold) Assert.Single(group.Select(i => shardOf[i]).Distinct());
            // Balanced: the loads differ by at most one item's cost (each item went to the least loaded shard).
            var items = SweepShards.CostedItems(runs);
            var loads = shards.Select(s => items.Where(it => shardOf[it.Runs[0]] == Array.IndexOf(shards, s)).Sum(it => it.Cost)).ToArray();
            Assert.True(loads.Max() - loads.Min() <= items.Max(it => it.Cost), $"loads {string.Join(", ", loads)} for {n} shards");
            Assert.All(items, it => Assert.Single(it.Runs.Select(i => shardOf[i]).Distinct()));
            // A pure function of the plan and the count.
            Assert.Equal(shards, SweepShards.Partition(runs, n));
        }
        Assert.Throws<InvalidInputException>(() => SweepShards.Partition(runs, count + 1));
        Assert.Throws<InvalidInputException>(() => SweepShards.Partition(runs, 0));
    }

    [Fact]
    public void ShardsBalanceBisectionsAgainstPlainRuns()
    {
        // One relative configuration per dataset and batch size: items of equal cost, dealt out evenly.
        var runs = Grid(datasets: 0, alphas: 2, batches: 1, stepsizes: 2, relative: true, repeats: 0).Expand();
        int items = SweepShards.WorkItemCount(runs);
        Assert.Equal(6, items);
        var sizes = SweepShards.Partition(runs, 3).Select(s => s.Length).ToArray();
        Assert.Equal([6, 6, 6], sizes);
    }

    [Fact]
    public void TheExpectedCostOfABisectionIsNearWhatBisectionsSpend()
    {
        var spec = TestSweeps.Small() with { Stepsize = StepsizeAxis.Relative(0.5) };
        using var store = ResultStore.Open(Path.Combine(TestSweeps.TempDir(), "store.db"));
        SweepRunner.Run(spec, store);
        double spent = store.Thresholds().Average(t => t.Evaluations);
        double expected = SweepShards.ExpectedTrials(spec.Threshold);
        Assert.InRange(spent / expected, 0.5, 2);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ShardedStoresHoldTheSameBitsAsOneSweep(bool relative)
    {
        var spec = TestSweeps.Small() with
        {
            Alpha = [0.1, 0.3],
            Stepsize = relative ? StepsizeAxis.Relative(0.25, 0.5, 1.0) : StepsizeAxis.List(0.01, 0.02, 0.05),
        };
        string dir = TestSweeps.TempDir();
        using var whole = ResultStore.Open(Path.Combine(dir, "whole.db"));
        SweepRunner.Run(spec, whole, new SweepRunnerOptions { MaxDegreeOfParallelism = 2 });
        int count = Math.Min(5, SweepShards.WorkItemCount(spec.Expand()));
        var parts = new List<StoredRun>();
        var thresholds = new List<StoredThreshold>();
        for (int i = 0; i < count; i++)
        {
            using var store = ResultStore.Open(Path.Combine(dir, $"shard-{i}.db"));
            var summary = SweepRunner.Run(spec, store, new SweepRunnerOptions { MaxDegreeOfParallelism = 1, Shard = new Shard(i, count) });
            Assert.Equal(summary.Runs, summary.Computed);
            Assert.Equal([new StoredShard(store.Sweeps()[0].SpecHash, i, count)], store.Shards());
            parts.AddRange(store.Runs());
            thresholds.AddRange(store.Thresholds());
            // Resumed, a complete shard computes nothing.
            Assert.Equal(0, SweepRunner.Run(spec, store, new SweepRunnerOptions { Shard = new Shard(i, count) }).Computed);
        }
        var order = whole.Runs().Select((r, i) => (r.Key, i)).ToDictionary();
        TestSweeps.AssertSameRuns(whole.Runs(), [.. parts.OrderBy(r => order[r.Key])]);
        Assert.Equal(whole.Thresholds(), thresholds.OrderBy(t => t.Key, StringComparer.Ordinal));
        Assert.Equal(relative, whole.Thresholds().Count > 0);
    }

    [Theory]
    [InlineData("2/8", 2, 8)]
    [InlineData(" 0/1 ", 0, 1)]
    public void ExplicitShardsParse(string text, int index, int count) =>
        Assert.Equal(new Shard(index, count), Shard.Parse("shard", text, _ => null));

    [Theory]
    [InlineData("8/8")]
    [InlineData("-1/8")]
    [InlineData("1/0")]
    [InlineData("3")]
    [InlineData("a/b")]
    [InlineData("auto/x")]
    public void BadShardsAreRefusedNamingTheField(string text)
    {
        var e = Assert.Throws<InvalidInputException>(() => Shard.Parse("shard", text, _ => null));
        Assert.Equal("shard", e.Field);
    }

    [Fact]
    public void AutoReadsTheArrayJobsEnvironment()
    {
        var slurm = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "8", ["SLURM_ARRAY_TASK_MIN"] = "0", ["SLURM_ARRAY_TASK_MAX"] = "7" };
        Assert.Equal(new Shard(3, 8), Shard.Parse("shard", "auto", slurm.GetValueOrDefault));
        // A resubmission of task 3 alone is an array of one: plain auto refuses it, auto/N takes the index.
        var resubmitted = new Dictionary<string, string> { ["SLURM_ARRAY_TASK_ID"] = "3", ["SLURM_ARRAY_TASK_COUNT"] = "1", ["SLURM_ARRAY_TASK_MIN"] = "3", ["SLURM_ARRAY_TASK_MAX"] = "3" };
        Assert.Throws<InvalidInputException>(() => Shard.Parse("shard", "auto", resubmitted.GetValueOrDefault));
        Assert.Equal(new Shard(3, 8), Shard.Parse("shard", "auto/8", resubmitted.GetValueOrDefault));
        var kubernetes = new Dictionary<string, string> { ["JOB_COMPLETION_INDEX"] = "5" };
        Assert.Equal(new Shard(5, 8), Shard.Parse("shard", "auto/8", kubernetes.GetValueOrDefault));
        Assert.Throws<InvalidInputException>(() => Shard.Parse("shard", "auto", kubernetes.GetValueOrDefault));
        Assert.Throws<InvalidInputException>(() => Shard.Parse("shard", "auto/4", kubernetes.GetValueOrDefault)); // index 5 of 4
        Assert.Throws<InvalidInputException>(() => Shard.Parse("shard", "auto", _ => null));
    }
}
