using DlnLab.Experiments.Export;
using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Tests.Storage;

public class StoreMergeTests
{
    private const int Shards = 4;

    private static readonly SweepSpec Spec = TestSweeps.Small() with { Alpha = [0.1, 0.3], Stepsize = StepsizeAxis.Relative(0.5, 1.0) };

    /// <summary>A folder with the whole sweep in whole.db and its shards in shard-I.db.</summary>
    private static readonly Lazy<string> Computed = new(() =>
    {
        string dir = TestSweeps.TempDir();
        using (var whole = ResultStore.Open(Path.Combine(dir, "whole.db"))) SweepRunner.Run(Spec, whole);
        for (int i = 0; i < Shards; i++)
        {
            using var store = ResultStore.Open(Path.Combine(dir, $"shard-{i}.db"));
            SweepRunner.Run(Spec, store, new SweepRunnerOptions { Shard = new Shard(i, Shards), MaxDegreeOfParallelism = 1 });
        }
        return dir;
    });

    private static string Shard(int i) => Path.Combine(Computed.Value, $"shard-{i}.db");

    private static string NewTarget() => Path.Combine(TestSweeps.TempDir(), "all.db");

    /// <summary>The export of a store, file by file, with runs.csv's wall-time column blanked and runs.npz left out (it holds the wall times).</summary>
    private static Dictionary<string, string> Export(string store)
    {
        string dir = Path.Combine(TestSweeps.TempDir(), "export");
        using (var s = ResultStore.OpenReadOnly(store)) StoreExporter.Export(s, dir);
        int wall = RunColumns.ExportedScalars.Select(c => c.Name).ToList().IndexOf("wall_seconds");
        var files = new Dictionary<string, string>
        {
            ["runs.csv"] = string.Join("\n", File.ReadAllLines(Path.Combine(dir, "runs.csv")).Select(line =>
                string.Join(',', line.Split(',').Select((cell, i) => i == wall ? "" : cell)))),
        };
        foreach (var name in new[] { "gain.npy", "beta.npy", "thresholds.csv" }) files[name] = Convert.ToBase64String(File.ReadAllBytes(Path.Combine(dir, name)));
        return files;
    }

    [Fact]
    public void MergingTheShardsInAnyOrderGivesTheWholeSweepsExport()
    {
        var expected = Export(Path.Combine(Computed.Value, "whole.db"));
        var random = new Random(7);
        foreach (var order in new[] { new[] { 0, 1, 2, 3 }, [3, 2, 1, 0], [.. Enumerable.Range(0, Shards).OrderBy(_ => random.Next())] })
        {
            string target = NewTarget();
            var result = StoreMerge.Merge([.. order.Select(Shard)], target);
            Assert.True(result.Complete);
            Assert.Empty(result.Gaps);
            Assert.Equal(Shards, result.ShardCount);
            Assert.Equal(Spec.Expand().Count, result.Added["runs"]);
            Assert.Equal(expected, Export(target));
        }
    }

    [Fact]
    public void MergingAgainAddsNothing()
    {
        string target = NewTarget();
        StoreMerge.Merge([.. Enumerable.Range(0, Shards).Select(Shard)], target);
        var first = Export(target);
        var again = StoreMerge.Merge([.. Enumerable.Range(0, Shards).Select(Shard)], target);
        Assert.Equal(0, again.Added.GetValueOrDefault("runs"));
        Assert.Equal(0, again.Added.GetValueOrDefault("thresholds"));
        Assert.Equal(Spec.Expand().Count, again.AlreadyThere["runs"]);
        Assert.True(again.Complete);
        Assert.Equal(first, Export(target));
    }

    [Fact]
    public void AMissingShardIsNamedAndMergingItLaterCompletesTheStore()
    {
        var runs = Spec.Expand();
        var partition = SweepShards.Partition(runs, Shards);
        string target = NewTarget();
        var partial = StoreMerge.Merge([Shard(0), Shard(1), Shard(3)], target);
        Assert.False(partial.Complete);
        var gap = Assert.Single(partial.Gaps);
        Assert.Equal((new Shard(2, Shards), false, partition[2].Length, partition[2].Length), (gap.Shard, gap.Given, gap.Runs, gap.MissingRuns));
        Assert.Equal(partition[2].Length, partial.MissingRuns);
        Assert.True(gap.MissingThresholds > 0);
        using (var merged = ResultStore.OpenReadOnly(target))
            Assert.Equal(partition[0].Concat(partition[1]).Concat(partition[3]).Select(i => runs[i].Key).ToHashSet(), merged.RunKeys().ToHashSet());
        var rest = StoreMerge.Merge([Shard(2)], target);
        Assert.True(rest.Complete);
        Assert.Equal(Export(Path.Combine(Computed.Value, "whole.db")), Export(target));
    }

    [Fact]
    public void AConflictingRunIsRefusedNamingItAndNothingIsWritten()
    {
        string dir = TestSweeps.TempDir();
        string copy = Path.Combine(dir, "tampered.db");
        File.Copy(Shard(1), copy);
        string key;
        using (var c = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "UPDATE runs SET train_loss = train_loss * 2 WHERE key = (SELECT MIN(key) FROM runs) RETURNING key";
            key = (string)cmd.ExecuteScalar()!;
        }
        string target = Path.Combine(dir, "all.db");
        var e = Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([Shard(0), Shard(1), copy], target));
        Assert.Contains(key, e.Message);
        Assert.Contains("train_loss", e.Message);
        Assert.False(File.Exists(target));
        // Against a target that holds the run already: refused, and the target is left as it was.
        StoreMerge.Merge([Shard(1)], target);
        var before = Export(target);
        var again = Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([copy], target));
        Assert.Contains(key, again.Message);
        Assert.Contains("train_loss", again.Message);
        Assert.Equal(before, Export(target));
    }

    [Fact]
    public void StoresOfAnotherSpecOrSchemaAreRefused()
    {
        string dir = TestSweeps.TempDir();
        string other = Path.Combine(dir, "other.db");
        using (var s = ResultStore.Open(other)) SweepRunner.Run(Spec with { Seed = 99 }, s, new SweepRunnerOptions { Shard = new Shard(0, Shards) });
        string target = Path.Combine(dir, "all.db");
        var e = Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([Shard(0), other], target));
        Assert.Contains("spec", e.Message);
        Assert.False(File.Exists(target));

        string old = Path.Combine(dir, "old.db");
        VersionOneStore.Write(old);
        Assert.Contains("schema version 1", Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([Shard(0), old], target)).Message);
        Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([Shard(0), Shard(0)], target));
        Assert.Throws<InvalidInputException>(() => StoreMerge.Merge([Shard(0)], Shard(0)));
        Assert.False(File.Exists(target));
    }
}
