using DlnLab.Experiments.Storage;
using DlnLab.Experiments.Sweeps;
using Microsoft.Data.Sqlite;

namespace DlnLab.Experiments.Tests.Storage;

public class StoreOpeningTests
{
    [Fact]
    public void AVersionOneStoreIsReadReadOnlyUntouchedAndMigratedOnTheFirstWrite()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "old.db");
        VersionOneStore.Write(path);
        byte[] before = File.ReadAllBytes(path);
        using (var readOnly = ResultStore.OpenReadOnly(path))
        {
            var run = Assert.Single(readOnly.Runs());
            Assert.Equal(("old", 0.25, 42L, true), (run.Key, run.Alpha, run.Steps, run.Beta.SequenceEqual([1.0, -2.0])));
            Assert.Null(run.TestLoss);
            Assert.False(run.Bounced);
        }
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["old.db"], Directory.GetFiles(dir).Select(Path.GetFileName));

        using (var store = ResultStore.Open(path))
        {
            Assert.Equal("old", Assert.Single(store.Runs()).Key);
            Assert.True(store.AddRun(ResultStoreTests.Sample("new")));
        }
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        Assert.Equal((long)StoreSchema.ApplicationId, Scalar(c, "PRAGMA application_id"));
        Assert.Equal((long)ResultStore.SchemaVersion, Scalar(c, "PRAGMA user_version"));
        Assert.Equal(1L, Scalar(c, "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'leases'"));
    }

    [Fact]
    public void AVersionOneStoreKilledBeforeItsFirstCheckpointIsRecognisedFromItsLog()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "killed.db");
        VersionOneStore.WriteKilled(path);
        Assert.Equal(0, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(File.ReadAllBytes(path).AsSpan(60))); // user_version: not in the file yet
        using (var readOnly = ResultStore.OpenReadOnly(path)) Assert.Equal("old", Assert.Single(readOnly.Runs()).Key);
        using var store = ResultStore.Open(path);
        Assert.True(store.AddRun(ResultStoreTests.Sample("new")));
        Assert.Equal(2, store.RunCount());
    }

    [Fact]
    public void AStoreLackingARunColumnIsRefusedNotMisread()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using (ResultStore.Open(path)) { }
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            RunColumnsTests.Exec(c, "ALTER TABLE runs DROP COLUMN gain_l1");
        }
        byte[] before = File.ReadAllBytes(path);
        var e = Assert.Throws<InvalidInputException>(() => ResultStore.Open(path));
        Assert.Contains("without the run columns gain_l1", e.Message);
        Assert.Equal(before, File.ReadAllBytes(path));
    }

    [Fact]
    public void AStoreLackingAColumnWithAnEarlierValueIsReadWithItAndGainsItOnTheFirstWrite()
    {
        // theorem22_residual declares what runs stored before it existed hold (null), as a new column would.
        Assert.Equal("NULL", RunColumns.Theorem22Residual.Earlier);
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using (var store = ResultStore.Open(path)) store.AddRun(ResultStoreTests.Sample("old"));
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            RunColumnsTests.Exec(c, "ALTER TABLE runs DROP COLUMN theorem22_residual");
        }
        byte[] before = File.ReadAllBytes(path);
        using (var readOnly = ResultStore.OpenReadOnly(path)) Assert.Null(Assert.Single(readOnly.Runs()).Theorem22Residual);
        Assert.Equal(before, File.ReadAllBytes(path));
        using (var store = ResultStore.Open(path))
        {
            store.AddRun(ResultStoreTests.Sample("new"));
            var runs = store.Runs();
            Assert.Equal([null, 1e-13], runs.OrderBy(r => r.Key).Select(r => r.Theorem22Residual).Reverse());
        }
    }

    [Fact]
    public void TwoProcessesCreatingOneStoreShareIt()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "new.db");
        var stores = new ResultStore[4];
        Parallel.For(0, stores.Length, i => stores[i] = ResultStore.Open(path));
        Parallel.For(0, stores.Length, i => stores[i].AddRun(ResultStoreTests.Sample("k" + i)));
        Assert.Equal(4, stores[0].RunCount());
        foreach (var s in stores) s.Dispose();
        Assert.Equal(["new.db"], Directory.GetFiles(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void ACreationKilledHalfwayLeavesATemporaryFileTheNextOneRemoves()
    {
        var dir = TestSweeps.TempDir();
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        string stale = Path.Combine(dir, $".new.db.creating-{gone.Id}-0123");
        string live = Path.Combine(dir, $".new.db.creating-{Environment.ProcessId}-4567");
        File.WriteAllBytes(stale, [1, 2, 3]);
        File.WriteAllBytes(live, [1, 2, 3]);
        using (ResultStore.Open(Path.Combine(dir, "new.db"))) { }
        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(live)); // another creation of a running process: not ours to remove
    }

    [Fact]
    public void AClaimedRunIsHeldFromOthersUntilStoredOrReleased()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using var a = ResultStore.Open(path);
        using var b = ResultStore.Open(path);
        Assert.Equal(Expect(["k1", "k2"], []), Lists(a.Claim(["k1", "k2"], thresholds: false)));
        Assert.Equal(Expect(["k3"], ["k1", "k2"]), Lists(b.Claim(["k1", "k2", "k3"], thresholds: false)));
        a.AddRun(ResultStoreTests.Sample("k1"));
        // k1 is stored (nobody claims it again), k2 still held by a.
        Assert.Equal(Expect([], ["k2"]), Lists(b.Claim(["k1", "k2"], thresholds: false)));
        a.ReleaseLeases();
        Assert.Equal(Expect(["k2"], []), Lists(b.Claim(["k2"], thresholds: false)));
    }

    [Fact]
    public void TheLeaseOfAStoredRunGoesWithTheNextClaimAndAllWithTheRelease()
    {
        string path = Path.Combine(TestSweeps.TempDir(), "store.db");
        using var a = ResultStore.Open(path);
        a.Claim(["k1", "k2"], thresholds: false);
        a.AddRun(ResultStoreTests.Sample("k1"));
        a.Claim(["k3"], thresholds: false);
        Assert.Equal("k2,k3", Leases(path));
        a.AddRun(ResultStoreTests.Sample("k3"));
        a.ReleaseLeases();
        Assert.Equal("", Leases(path));
    }

    private static string Leases(string path)
    {
        using var c = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        c.Open();
        return Scalar(c, "SELECT group_concat(key, ',') FROM (SELECT key FROM leases ORDER BY key)") as string ?? "";
    }

    [Fact]
    public void ALeaseOfADeadProcessIsReclaimedAtOnce()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using var store = ResultStore.Open(path);
        using var dead = System.Diagnostics.Process.Start("true")!;
        dead.WaitForExit();
        using (var c = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            c.Open();
            long later = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 3_600_000;
            RunColumnsTests.Exec(c, $"INSERT INTO leases VALUES ('gone', '{Environment.MachineName}:{dead.Id}:0:x', {later})");
            RunColumnsTests.Exec(c, $"INSERT INTO leases VALUES ('remote', 'elsewhere:1:0:x', {later})");
            RunColumnsTests.Exec(c, $"INSERT INTO leases VALUES ('expired', 'elsewhere:1:0:x', 0)");
        }
        Assert.Equal(Expect(["gone", "expired"], ["remote"]), Lists(store.Claim(["gone", "remote", "expired"], thresholds: false)));
    }

    [Fact]
    public void AStoreDeletedMidSweepFailsTheSweep()
    {
        var dir = TestSweeps.TempDir();
        string folder = Path.Combine(dir, "results");
        using var store = ResultStore.Open(Path.Combine(folder, "store.db"));
        int deleted = 0;
        var e = Assert.Throws<StoreFaultException>(() => SweepRunner.Run(TestSweeps.Small(), store, new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 2,
            // Once, by whichever worker stores a run first.
            RunStored = _ => { if (Interlocked.Exchange(ref deleted, 1) == 0) Directory.Delete(folder, recursive: true); },
        }));
        Assert.Contains("was deleted", e.Message);
        Assert.StartsWith(Path.Combine(folder, "store.db") + ":", e.Message);
    }

    [Fact]
    public void AStoreReplacedMidSweepFailsTheSweep()
    {
        var dir = TestSweeps.TempDir();
        string path = Path.Combine(dir, "store.db");
        using var store = ResultStore.Open(path);
        bool replaced = false;
        var e = Assert.Throws<StoreFaultException>(() => SweepRunner.Run(TestSweeps.Small(), store, new SweepRunnerOptions
        {
            MaxDegreeOfParallelism = 1,
            RunStored = _ =>
            {
                if (replaced) return;
                replaced = true;
                File.Copy(path, path + ".copy");
                File.Move(path + ".copy", path, overwrite: true);
            },
        }));
        Assert.Contains("was replaced", e.Message);
    }

    private static string Lists((List<string> Claimed, List<string> Held) x) => $"claimed [{string.Join(", ", x.Claimed)}], held [{string.Join(", ", x.Held)}]";

    private static string Expect(string[] claimed, string[] held) => $"claimed [{string.Join(", ", claimed)}], held [{string.Join(", ", held)}]";

    private static object? Scalar(SqliteConnection c, string sql)
    {
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar();
    }
}
